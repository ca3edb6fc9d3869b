package org.smpledger.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One stored event as the projections see it: payload, identity, place in its stream and the
 * metadata the read models show. {@code recordedAt} is when the service recorded the event (the
 * metadata key, falling back to the message timestamp); {@code asOf} views cut on it.
 */
public record ProjectionEvent(String eventId, SmpEvent payload, String typeName, long sequence, Long globalPosition,
                              Instant recordedAt, String clinicId, String actorId, String actorRole) {

    /** The event, or null when the message carries no published event (nothing to project). */
    public static ProjectionEvent of(EventMessage<?> message) {
        if (!(message.getPayload() instanceof SmpEvent payload)) {
            return null;
        }
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        Long position = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? positionOrNull(tracked) : null;
        return new ProjectionEvent(message.getIdentifier(), payload, SmpEvent.typeOf(payload.getClass()).name(), sequence, position,
                recordedAt(message), text(message, EventMetadata.CLINIC_ID), text(message, EventMetadata.ACTOR_ID),
                text(message, EventMetadata.ACTOR_ROLE));
    }

    private static Long positionOrNull(TrackedEventMessage<?> tracked) {
        var position = tracked.trackingToken().position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    static Instant recordedAt(EventMessage<?> message) {
        String recorded = text(message, EventMetadata.RECORDED_AT);
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException ignored) {
                // an unparseable value falls back to the time the message was created
            }
        }
        return message.getTimestamp();
    }

    private static String text(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
