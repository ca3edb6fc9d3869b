package org.smpledger.web;

import java.time.Instant;
import java.util.Optional;

/**
 * The verification of the stored log against its signed checkpoints, for the auditor's page: the
 * latest result (whoever asked for it: the page or the API) and a verification on demand. Without
 * it (the verifiable log switched off) the page says verification is not available on this service.
 */
public interface LogVerification {

    /**
     * The outcome of a verification: {@code verified} or not, the checkpoint's tree size it checked
     * against, when, in words, and the first position found bad (null when none).
     */
    record Result(boolean verified, Long verifiedUpTo, Instant checkedAt, String summary, Long firstBadPosition) {}

    /** Why a verification could not run now (none is signed yet, or one is running), in words. */
    final class NotNow extends RuntimeException {

        public NotNow(String message) {
            super(message, null, false, false);
        }
    }

    /** The latest result since the service started; empty when none ran yet. */
    Optional<Result> latest();

    /** Recomputes the log against its latest checkpoint and keeps the result; {@link NotNow} when it cannot. */
    Result verifyNow();
}
