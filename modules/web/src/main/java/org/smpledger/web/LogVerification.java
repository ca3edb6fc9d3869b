package org.smpledger.web;

import java.time.Instant;

/**
 * Whether the stored log checks out against its signed checkpoints, for the auditor's page. The
 * service provides it once the log verification is part of it; without it the page says that
 * verification is not available on this service.
 */
@FunctionalInterface
public interface LogVerification {

    /** The outcome of a verification: {@code verified} or not, up to which position, when, and in words. */
    record Result(boolean verified, Long verifiedUpTo, Instant checkedAt, String summary) {}

    Result verify(String clinicId);
}
