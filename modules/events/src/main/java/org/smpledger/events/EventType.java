package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The published identity of an event: its stable type name (independent of the Java class
 * name) and the revision of its payload. A payload change that old readers cannot ignore gets
 * a new revision and an upcaster; see docs/events.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String name();

    String revision() default "1";

    StreamType stream();
}
