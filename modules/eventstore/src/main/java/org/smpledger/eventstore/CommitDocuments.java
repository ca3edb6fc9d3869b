package org.smpledger.eventstore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;

/**
 * The BSON shape of commits, events and snapshots (see docs/architecture.md, "Event store").
 * Field names are short because they repeat in every event of every commit.
 */
final class CommitDocuments {

    // commit document
    static final String ID = "_id"; // long: global position of the commit's first event
    static final String COUNT = "n"; // int: number of events in the commit
    static final String POSITIONS = "pos"; // [long]: every global position the commit occupies (unique)
    static final String STREAM_KEYS =
            "keys"; // [string]: "<aggregateId>:<sequenceNumber>" per domain event (unique, sparse)
    static final String EVENT_IDS = "ids"; // [string]: every event identifier (unique)
    static final String EVENTS = "events"; // [event]: the events, in append order

    // event (embedded in a commit) and snapshot document
    static final String EVENT_ID = "id";
    static final String AGGREGATE_TYPE = "type";
    static final String AGGREGATE_ID = "agg";
    static final String SEQUENCE = "seq";
    static final String TIMESTAMP = "ts"; // date, millisecond precision
    static final String TIMESTAMP_NANOS = "tsn"; // int, nanoseconds within the millisecond (absent when 0)
    static final String PAYLOAD_TYPE = "pt";
    static final String PAYLOAD_REVISION = "pr"; // absent when the payload has no revision
    static final String PAYLOAD = "p"; // binary: the serializer's bytes
    static final String META_DATA = "m"; // binary: the serializer's bytes

    private static final DocumentCodec CODEC = new DocumentCodec();

    private CommitDocuments() {}

    static String streamKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + ":" + sequenceNumber;
    }

    /** One event, serialized once and kept as raw BSON so a retried insert does not serialize again. */
    static RawBsonDocument event(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        BasicOutputBuffer buffer = new BasicOutputBuffer(payload.getData().length + metaData.getData().length + 256);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeString(EVENT_ID, event.getIdentifier());
            if (event instanceof DomainEventMessage<?> domain) {
                if (domain.getType() != null) {
                    writer.writeString(AGGREGATE_TYPE, domain.getType());
                }
                writer.writeString(AGGREGATE_ID, domain.getAggregateIdentifier());
                writer.writeInt64(SEQUENCE, domain.getSequenceNumber());
            }
            Instant timestamp = event.getTimestamp();
            writer.writeDateTime(TIMESTAMP, timestamp.toEpochMilli());
            int subMillisecondNanos = timestamp.getNano() % 1_000_000;
            if (subMillisecondNanos != 0) {
                writer.writeInt32(TIMESTAMP_NANOS, subMillisecondNanos);
            }
            writer.writeString(PAYLOAD_TYPE, payload.getType().getName());
            if (payload.getType().getRevision() != null) {
                writer.writeString(PAYLOAD_REVISION, payload.getType().getRevision());
            }
            writer.writeBinaryData(PAYLOAD, new BsonBinary(payload.getData()));
            writer.writeBinaryData(META_DATA, new BsonBinary(metaData.getData()));
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.toByteArray());
    }

    /** A whole commit in one step (tests, tools): {@link #commitBody} then {@link #commit(long, int, byte[])}. */
    static RawBsonDocument commit(
            long firstPosition, List<RawBsonDocument> events, List<String> streamKeys, List<String> eventIds) {
        return commit(firstPosition, events.size(), commitBody(events, streamKeys, eventIds));
    }

    /**
     * The part of a commit that does not depend on its position ({@code keys}, {@code ids},
     * {@code events}), encoded once as a BSON document; a retry at another position reuses it.
     */
    static byte[] commitBody(List<RawBsonDocument> events, List<String> streamKeys, List<String> eventIds) {
        int eventBytes = 0;
        for (RawBsonDocument event : events) {
            eventBytes += event.getByteBuffer().remaining();
        }
        BasicOutputBuffer buffer = new BasicOutputBuffer(eventBytes + 96 * events.size() + 64);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            if (!streamKeys.isEmpty()) { // absent, not empty: the sparse unique index skips it
                writer.writeStartArray(STREAM_KEYS);
                streamKeys.forEach(writer::writeString);
                writer.writeEndArray();
            }
            writer.writeStartArray(EVENT_IDS);
            eventIds.forEach(writer::writeString);
            writer.writeEndArray();
            writer.writeStartArray(EVENTS);
            for (RawBsonDocument event : events) {
                try (BsonBinaryReader reader =
                        new BsonBinaryReader(event.getByteBuffer().asNIO())) {
                    writer.pipe(reader);
                }
            }
            writer.writeEndArray();
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }

    /**
     * The commit document at {@code firstPosition}: {@code _id}, {@code n} and {@code pos}, then
     * the body's fields, byte for byte (a BSON document is its length, its elements and a 0).
     */
    static RawBsonDocument commit(long firstPosition, int count, byte[] body) {
        byte[] head = head(firstPosition, count);
        int headElements = head.length - 5;
        int bodyElements = body.length - 5;
        int length = 4 + headElements + bodyElements + 1;
        byte[] document = new byte[length];
        ByteBuffer.wrap(document).order(ByteOrder.LITTLE_ENDIAN).putInt(0, length);
        System.arraycopy(head, 4, document, 4, headElements);
        System.arraycopy(body, 4, document, 4 + headElements, bodyElements);
        return new RawBsonDocument(document);
    }

    /** Bytes of a commit of {@code count} events with this body, whatever its position. */
    static int commitSize(int count, byte[] body) {
        return head(0, count).length + body.length - 5;
    }

    private static byte[] head(long firstPosition, int count) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(32 + 16 * count);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeInt64(ID, firstPosition);
            writer.writeInt32(COUNT, count);
            writer.writeStartArray(POSITIONS);
            for (int i = 0; i < count; i++) {
                writer.writeInt64(firstPosition + i);
            }
            writer.writeEndArray();
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }

    static Document snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        RawBsonDocument event = event(snapshot, serializer);
        Document document = new Document(ID, snapshot.getAggregateIdentifier());
        document.putAll(CODEC.decode(
                event.asBsonReader(), org.bson.codecs.DecoderContext.builder().build()));
        return document;
    }

    static long firstPosition(Document commit) {
        return commit.get(ID, Number.class).longValue();
    }

    static int count(Document commit) {
        return commit.get(COUNT, Number.class).intValue();
    }

    static long end(Document commit) {
        return firstPosition(commit) + count(commit);
    }

    @SuppressWarnings("unchecked")
    static List<Document> events(Document commit) {
        return (List<Document>) commit.get(EVENTS, List.class);
    }

    static boolean isDomainEvent(Document event) {
        return event.containsKey(AGGREGATE_ID);
    }

    static String aggregateIdentifier(Document event) {
        return event.getString(AGGREGATE_ID);
    }

    static long sequenceNumber(Document event) {
        return event.get(SEQUENCE, Number.class).longValue();
    }

    static Instant timestamp(Document event) {
        Instant millis = event.getDate(TIMESTAMP).toInstant();
        Number nanos = event.get(TIMESTAMP_NANOS, Number.class);
        return nanos == null ? millis : millis.plusNanos(nanos.longValue());
    }

    static StoredEventData toEventData(Document event) {
        if (isDomainEvent(event)) {
            return toDomainEventData(event);
        }
        return new StoredEventData(
                event.getString(EVENT_ID),
                timestamp(event),
                event.getString(PAYLOAD_TYPE),
                event.getString(PAYLOAD_REVISION),
                bytes(event, PAYLOAD),
                bytes(event, META_DATA));
    }

    static StoredEventData.Domain toDomainEventData(Document event) {
        return new StoredEventData.Domain(
                event.getString(EVENT_ID),
                timestamp(event),
                event.getString(PAYLOAD_TYPE),
                event.getString(PAYLOAD_REVISION),
                bytes(event, PAYLOAD),
                bytes(event, META_DATA),
                event.getString(AGGREGATE_TYPE),
                aggregateIdentifier(event),
                sequenceNumber(event));
    }

    static Date millisOf(Instant instant) {
        return new Date(instant.toEpochMilli());
    }

    private static byte[] bytes(Document event, String field) {
        return event.get(field, Binary.class).getData();
    }
}
