package org.smpledger.projections;

import java.time.DateTimeException;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.serialization.CanonicalInstants;

/**
 * One stored event as the projections see it: payload, identity, place in its stream and the
 * metadata the read models show. {@code recordedAt} is when the service recorded the event (the
 * metadata key, falling back to the message timestamp); {@code asOf} views cut on it.
 */
public record ProjectionEvent(
        String eventId,
        SmpEvent payload,
        String typeName,
        long sequence,
        Instant recordedAt,
        String clinicId,
        String actorId,
        String actorRole) {

    /** The event, or null when the message carries no published event (nothing to project). */
    public static ProjectionEvent of(EventMessage<?> message) {
        if (!(message.getPayload() instanceof SmpEvent payload)) {
            return null;
        }
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        return new ProjectionEvent(
                message.getIdentifier(),
                payload,
                SmpEvent.typeOf(payload.getClass()).name(),
                sequence,
                recordedAt(message),
                text(message, EventMetadata.CLINIC_ID),
                text(message, EventMetadata.ACTOR_ID),
                text(message, EventMetadata.ACTOR_ROLE));
    }

    static Instant recordedAt(EventMessage<?> message) {
        String recorded = text(message, EventMetadata.RECORDED_AT);
        if (recorded != null) {
            try {
                return instant(recorded);
            } catch (DateTimeException ignored) {
                // an unparseable value falls back to the time the message was created
            }
        }
        return message.getTimestamp();
    }

    /** {@link Instant#parse}, on the short path for the shape {@link Instant#toString} writes. */
    static Instant instant(String text) {
        return CanonicalInstants.parse(text);
    }

    private static String text(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
