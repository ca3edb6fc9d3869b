package org.smpledger.app.api;

/**
 * Who sends a command and how: the authenticated user's id, clinic and the role under which the
 * endpoint admitted them, how they were authenticated (never from a header or the body), and from
 * the request headers {@code X-Correlation-Id} (generated when absent), {@code Idempotency-Key} and
 * {@code If-Match} (optional).
 */
public record Sender(
        String clinicId,
        String actorId,
        String actorRole,
        String authenticatedBy,
        String correlationId,
        String idempotencyKey,
        Long expectedVersion) {}
