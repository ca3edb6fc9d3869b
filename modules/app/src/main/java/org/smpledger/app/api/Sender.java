package org.smpledger.app.api;

/**
 * Who sends a command and how (from the request headers until the security issue lands):
 * {@code X-Clinic-Id} and {@code X-Actor-Id} (required), {@code X-Actor-Role} (default "staff"),
 * {@code X-Correlation-Id} (generated when absent), {@code Idempotency-Key} and {@code If-Match} (optional).
 */
public record Sender(
        String clinicId,
        String actorId,
        String actorRole,
        String correlationId,
        String idempotencyKey,
        Long expectedVersion) {}
