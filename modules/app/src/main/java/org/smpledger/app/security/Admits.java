package org.smpledger.app.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles an endpoint admits. Every endpoint of the service carries it: the security layer
 * refuses any other role with 403 (and an endpoint without it admits nobody), the OpenAPI document
 * lists it per operation ({@code x-roles}), and the role under which a command is admitted is the
 * {@code actorRole} of the event it records.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Admits {

    Role[] value();
}
