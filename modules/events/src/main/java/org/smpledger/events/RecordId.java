package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one field of an event that holds the id of what it recorded (a session id, a lot id;
 * for the registration, the client id). A correction may name the event by it. It identifies the
 * record, so a correction cannot change it: see {@link Identifying}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RecordId {}
