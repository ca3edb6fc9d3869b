package org.smpledger.eventstore;

import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * One serialized event as read back from a commit document, in the shapes Axon's upcaster chain
 * and deserializer expect: {@link DomainEventData} for events of an aggregate stream, plus
 * {@link TrackedEventData} when read by a streaming processor.
 */
class StoredEventData implements EventData<byte[]> {

    private final String eventIdentifier;
    private final Instant timestamp;
    final String payloadType;
    final String payloadRevision;
    final byte[] payload;
    final byte[] metaData;

    StoredEventData(
            String eventIdentifier,
            Instant timestamp,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            byte[] metaData) {
        this.eventIdentifier = eventIdentifier;
        this.timestamp = timestamp;
        this.payloadType = payloadType;
        this.payloadRevision = payloadRevision;
        this.payload = payload;
        this.metaData = metaData;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<byte[]> getMetaData() {
        return new SerializedMetaData<>(metaData, byte[].class);
    }

    @Override
    public SerializedObject<byte[]> getPayload() {
        return new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision);
    }

    /** An event of an aggregate stream. */
    static class Domain extends StoredEventData implements DomainEventData<byte[]> {

        private final String aggregateType;
        private final String aggregateIdentifier;
        private final long sequenceNumber;

        Domain(
                String eventIdentifier,
                Instant timestamp,
                String payloadType,
                String payloadRevision,
                byte[] payload,
                byte[] metaData,
                String aggregateType,
                String aggregateIdentifier,
                long sequenceNumber) {
            super(eventIdentifier, timestamp, payloadType, payloadRevision, payload, metaData);
            this.aggregateType = aggregateType;
            this.aggregateIdentifier = aggregateIdentifier;
            this.sequenceNumber = sequenceNumber;
        }

        @Override
        public String getType() {
            return aggregateType;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }
    }

    /** An aggregate's event as a streaming processor sees it. */
    static final class TrackedDomain extends Domain implements TrackedEventData<byte[]> {

        private final TrackingToken token;

        TrackedDomain(Domain event, TrackingToken token) {
            super(
                    event.getEventIdentifier(),
                    event.getTimestamp(),
                    event.payloadType,
                    event.payloadRevision,
                    event.payload,
                    event.metaData,
                    event.getType(),
                    event.getAggregateIdentifier(),
                    event.getSequenceNumber());
            this.token = token;
        }

        @Override
        public TrackingToken trackingToken() {
            return token;
        }
    }

    /** An event that belongs to no aggregate, as a streaming processor sees it. */
    static final class Tracked extends StoredEventData implements TrackedEventData<byte[]> {

        private final TrackingToken token;

        Tracked(StoredEventData event, TrackingToken token) {
            super(
                    event.eventIdentifier,
                    event.timestamp,
                    event.payloadType,
                    event.payloadRevision,
                    event.payload,
                    event.metaData);
            this.token = token;
        }

        @Override
        public TrackingToken trackingToken() {
            return token;
        }
    }
}
