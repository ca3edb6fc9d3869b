package org.smpledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that identifies a person (name, birth date, contact details) or may hold text
 * that does (notes, descriptions in the client's or staff's words). The service stores it
 * encrypted with the client's own key, reads it back only for roles that may see personal
 * details, never puts it in a read model and never publishes it; erasing the client's key makes it
 * unreadable for good.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {}
