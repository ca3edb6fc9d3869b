package org.smpledger.cli.log;

import java.time.Instant;
import java.util.List;

/**
 * One event as every export format and the {@code events} table show it: the common columns and
 * the payload as JSON, without personal data.
 *
 * @param sequence the stream sequence (null for an event outside any stream)
 * @param storedAt the event store's time stamp
 * @param recordedAt when the service recorded it (metadata {@code recordedAt}, else {@code storedAt})
 * @param occurredAt when it happened, as the payload says (null for corrections)
 * @param payload UTF-8 JSON, personal fields removed; null for a type the contract does not know
 */
public record LoggedEvent(
        long position,
        String eventId,
        String eventType,
        String revision,
        String streamType,
        String streamId,
        Long sequence,
        Instant storedAt,
        Instant recordedAt,
        Instant occurredAt,
        String clinicId,
        String actorId,
        String actorRole,
        String correlationId,
        String causationId,
        byte[] payload) {

    /** The column names, in the order of the components. */
    public static final List<String> COLUMNS = List.of(
            "position",
            "event_id",
            "event_type",
            "revision",
            "stream_type",
            "stream_id",
            "sequence",
            "stored_at",
            "recorded_at",
            "occurred_at",
            "clinic_id",
            "actor_id",
            "actor_role",
            "correlation_id",
            "causation_id",
            "payload");

    /** The client's id for a treatment-record event, else null. */
    public String clientId() {
        return "TREATMENT_RECORD".equals(streamType) ? streamId : null;
    }
}
