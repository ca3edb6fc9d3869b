package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that says which record an event is (its stream, its clinic, the course and
 * session numbers it counts itself by). A correction cannot change it: changing it would make the
 * event a different record, so such a mistake is fixed by voiding the event and recording it again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Identifying {}
