package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a special-category health fact (GDPR Art. 9): a contraindication, a reaction, a patch test
 * result, a healing outcome, hair loss and skin. Never published on the public topics; the
 * clinical topic carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface HealthData {}
