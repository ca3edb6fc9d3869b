package org.smpledger.verifier.leaf;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event as the event store keeps it in a commit document, every field the leaf encoding
 * covers (docs/verifiable-log.md). Payload and metadata are the stored bytes, whatever they hold
 * (JSON, or ciphertext of personal data).
 *
 * @param position global position, 1-based
 * @param eventId the event identifier
 * @param aggregateType the aggregate type, or null (events outside aggregates, or none recorded)
 * @param streamId the aggregate identifier, or null for an event outside any stream
 * @param sequence the sequence number in the stream, or null exactly when {@code streamId} is
 * @param timestampMillis milliseconds since the epoch, as stored in {@code ts}
 * @param timestampNanos nanoseconds within that millisecond, as stored in {@code tsn} (0 when absent)
 * @param payloadType the serialized payload's type name
 * @param payloadRevision the payload's revision, or null
 * @param payload the serialized payload, byte for byte
 * @param metadata the serialized metadata, byte for byte
 */
public record StoredEvent(
        long position,
        String eventId,
        String aggregateType,
        String streamId,
        Long sequence,
        long timestampMillis,
        int timestampNanos,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(metadata, "metadata");
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1, not " + position);
        }
        if ((streamId == null) != (sequence == null)) {
            throw new IllegalArgumentException("a stream id and a sequence number come together");
        }
        if (sequence != null && sequence < 0) {
            throw new IllegalArgumentException("a sequence number is not negative: " + sequence);
        }
        if (timestampNanos < 0 || timestampNanos > 999_999) {
            throw new IllegalArgumentException("nanoseconds within a millisecond: " + timestampNanos);
        }
        payload = payload.clone();
        metadata = metadata.clone();
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis).plusNanos(timestampNanos);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    byte[] payloadBytes() {
        return payload;
    }

    byte[] metadataBytes() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvent that
                && position == that.position
                && timestampMillis == that.timestampMillis
                && timestampNanos == that.timestampNanos
                && eventId.equals(that.eventId)
                && Objects.equals(aggregateType, that.aggregateType)
                && Objects.equals(streamId, that.streamId)
                && Objects.equals(sequence, that.sequence)
                && payloadType.equals(that.payloadType)
                && Objects.equals(payloadRevision, that.payloadRevision)
                && Arrays.equals(payload, that.payload)
                && Arrays.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, eventId, streamId, sequence, timestampMillis, timestampNanos)
                + 31 * Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StoredEvent[position=" + position + ", eventId=" + eventId + ", stream=" + streamId + ":" + sequence
                + ", payloadType=" + payloadType + ", " + payload.length + " payload bytes]";
    }
}
