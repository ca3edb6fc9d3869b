package org.smpledger.projections.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.smpledger.projections.Page;

/**
 * A client's record as a list of steps. {@code asOf} (null: now) cuts on the time each step and
 * each correction was recorded; {@code voided} and {@code correctedValues} reflect only the
 * corrections recorded by then.
 */
public record ClientTimeline(String clientId, String clinicId, Instant asOf, Page<Entry> entries) {

    public record Entry(
            String eventId,
            long sequence,
            String type,
            String what,
            Instant recordedAt,
            Instant occurredAt,
            String actorId,
            String actorRole,
            List<String> zones,
            List<String> lots,
            Map<String, Double> densityAdded,
            String sessionId,
            Integer course,
            Integer sessionNumber,
            Override override,
            String corrects,
            boolean voided,
            Map<String, String> correctedValues,
            List<Correction> corrections) {}

    public record Override(String reason, String approvedBy, List<String> limitsExceeded) {}

    public record Correction(
            String eventId,
            long sequence,
            Instant recordedAt,
            String actorId,
            String reason,
            boolean voided,
            Map<String, String> changes) {}
}
