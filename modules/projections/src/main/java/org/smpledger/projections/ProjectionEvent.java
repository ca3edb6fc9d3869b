package org.smpledger.projections;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;

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

    /**
     * {@link Instant#parse}, with a short path for the shape {@link Instant#toString} writes
     * ({@code 2026-01-12T09:30:00Z}, optionally with 3, 6 or 9 fraction digits): the general
     * formatter costs microseconds per event in a replay.
     */
    static Instant instant(String text) {
        int length = text.length();
        int fraction = length - 21;
        if ((length == 20 || fraction == 3 || fraction == 6 || fraction == 9)
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = length == 20 ? 0 : digits(text, 20, length - 1);
            for (int i = length == 20 ? 9 : fraction; i < 9; i++) {
                nanos *= 10;
            }
            if (year >= 0
                    && month >= 0
                    && day >= 0
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60
                    && nanos >= 0) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String text(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
