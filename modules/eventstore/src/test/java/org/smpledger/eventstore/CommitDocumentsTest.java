package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * The commit documents the engine writes, byte for byte, against the shape documented in
 * docs/architecture.md ("Collections and documents") built field by field with the driver's
 * {@link Document}: a change of field, order or type would make stored and new commits differ.
 */
class CommitDocumentsTest {

    private final Serializer serializer = TestStores.jackson();

    @Test
    void eventsAndCommitsHaveTheDocumentedShape() {
        Instant withNanos = Instant.parse("2026-11-30T10:15:30.123456789Z");
        List<EventMessage<?>> events = List.of(
                new GenericDomainEventMessage<>(
                        "TreatmentRecord", "client-1", 0, "first", MetaData.with("clinic", "c")),
                new GenericDomainEventMessage<>(null, "client-1", 1, "untyped"),
                new GenericDomainEventMessage<>(
                        "TreatmentRecord", "client-1", 2, "timed", MetaData.emptyInstance(), "event-3", withNanos),
                GenericEventMessage.asEventMessage("not of a stream"));
        List<RawBsonDocument> encoded = new ArrayList<>();
        for (EventMessage<?> event : events) {
            RawBsonDocument written = CommitDocuments.event(event, serializer);
            assertThat(written).isEqualTo(documented(event));
            assertThat(bytes(written)).isEqualTo(bytes(documented(event)));
            encoded.add(written);
        }
        List<String> ids = events.stream().map(EventMessage::getIdentifier).toList();
        for (List<String> keys : List.of(List.of("client-1:0", "client-1:1", "client-1:2"), List.<String>of())) {
            RawBsonDocument commit = CommitDocuments.commit(41, encoded, keys, ids);
            RawBsonDocument expected = documentedCommit(41, encoded, keys, ids);
            assertThat(bytes(commit)).isEqualTo(bytes(expected));
            assertThat(CommitDocuments.commitSize(4, CommitDocuments.commitBody(encoded, keys, ids)))
                    .isEqualTo(bytes(commit).length);
        }
    }

    private RawBsonDocument documented(EventMessage<?> event) {
        Document document = new Document("id", event.getIdentifier());
        if (event instanceof DomainEventMessage<?> domain) {
            if (domain.getType() != null) {
                document.append("type", domain.getType());
            }
            document.append("agg", domain.getAggregateIdentifier()).append("seq", domain.getSequenceNumber());
        }
        document.append("ts", new Date(event.getTimestamp().toEpochMilli()));
        int nanos = event.getTimestamp().getNano() % 1_000_000;
        if (nanos != 0) {
            document.append("tsn", nanos);
        }
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        document.append("pt", payload.getType().getName());
        if (payload.getType().getRevision() != null) {
            document.append("pr", payload.getType().getRevision());
        }
        document.append("p", new Binary(payload.getData()))
                .append(
                        "m",
                        new Binary(event.serializeMetaData(serializer, byte[].class)
                                .getData()));
        return new RawBsonDocument(document, new DocumentCodec());
    }

    private static RawBsonDocument documentedCommit(
            long first, List<RawBsonDocument> events, List<String> keys, List<String> ids) {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            positions.add(first + i);
        }
        Document commit = new Document("_id", first).append("n", events.size()).append("pos", positions);
        if (!keys.isEmpty()) {
            commit.append("keys", keys);
        }
        commit.append("ids", ids).append("events", events);
        return new RawBsonDocument(commit, new DocumentCodec());
    }

    private static byte[] bytes(RawBsonDocument document) {
        var buffer = document.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
