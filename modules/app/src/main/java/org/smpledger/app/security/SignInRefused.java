package org.smpledger.app.security;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A refused sign-in with its real reason, for the access log only: every refusal answers the same
 * 401 whatever the reason, so a caller learns nothing about whether the user exists or is locked.
 * {@code user} is the user the credentials named when that user exists (else null).
 */
public final class SignInRefused extends BadCredentialsException {

    /** Why, as the access log records it. */
    public enum Reason {
        UNKNOWN_USER("unknown-user"),
        BAD_CREDENTIALS("bad-credentials"),
        LOCKED("locked"),
        LOCKED_NOW("bad-credentials-locked-now"),
        SIGN_IN_UNAVAILABLE("sign-in-unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final transient LocalUser user;

    SignInRefused(Reason reason, LocalUser user) {
        super("sign-in refused");
        this.reason = reason;
        this.user = user;
    }

    public Reason reason() {
        return reason;
    }

    public LocalUser user() {
        return user;
    }
}
