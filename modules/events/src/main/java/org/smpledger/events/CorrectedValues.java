package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a map from field paths of another event to new values as text (a correction's
 * {@code changes}): each entry carries the marks of the field its path names, so the new value of a
 * {@link PersonalData} field is personal data too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface CorrectedValues {}
