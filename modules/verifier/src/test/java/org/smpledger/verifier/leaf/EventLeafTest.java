package org.smpledger.verifier.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.verifier.testing.TreatmentLog;

class EventLeafTest {

    private static final long MILLIS = Instant.parse("2026-11-25T10:15:30.123Z").toEpochMilli();

    private final TreatmentLog log = new TreatmentLog(3);

    @AfterEach
    void drop() {
        log.close();
    }

    /**
     * The worked examples of docs/verifiable-log.md. The expected bytes and hashes were computed
     * with Python's struct and hashlib from the byte layout the document specifies, not with this code.
     */
    @Test
    void theEncodingIsTheDocumentedOne() {
        StoredEvent session = new StoredEvent(
                7,
                "ev-7",
                "TreatmentRecord",
                "client-1",
                2L,
                MILLIS,
                456_789,
                "org.smpledger.events.SessionCompleted",
                "2",
                "{\"dots\":40}".getBytes(StandardCharsets.UTF_8),
                "{\"clinicId\":\"c1\"}".getBytes(StandardCharsets.UTF_8));
        StoredEvent outsideAnyStream = new StoredEvent(
                8,
                "ev-8",
                null,
                null,
                null,
                MILLIS,
                0,
                "org.smpledger.events.ClinicOpened",
                null,
                new byte[0],
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(EventLeaf.encode(session)))
                .isEqualTo("0100000000000000070000000465762d37010000000f54726561746d656e745265636f72640100000008636c69"
                        + "656e742d31010000000000000002000001a212340a4b0006f855000000256f72672e736d706c65646765722e65"
                        + "76656e74732e53657373696f6e436f6d706c657465640100000001320000000b7b22646f7473223a34307d0000"
                        + "00117b22636c696e69634964223a226331227d");
        assertThat(EventLeaf.hash(session).hex())
                .isEqualTo("7344e78526cf2813e9db28cd64008cb80ff024b8c1ec2d69ae3c378bdcc4cff7");
        assertThat(HexFormat.of().formatHex(EventLeaf.encode(outsideAnyStream)))
                .isEqualTo("0100000000000000080000000465762d38000000000001a212340a4b00000000000000216f72672e736d706c65"
                        + "646765722e6576656e74732e436c696e69634f70656e65640000000000000000027b7d");
        assertThat(EventLeaf.hash(outsideAnyStream).hex())
                .isEqualTo("1f045565b3419f0ac41b0665d56128f58661d8eda1d56e4e5c533cd7c80d18b0");
    }

    @Test
    void theEventsOfAStoredCommitAreReadExactlyAsTheEngineWroteThem() throws Exception {
        log.append(30);
        int domain = 0;
        int outsideStreams = 0;
        for (long start : log.commitStarts()) {
            Document stored = log.commits().find(Filters.eq("_id", start)).first();
            List<StoredEvent> events = CommitDocument.events(raw(stored));
            List<Document> documents = stored.getList("events", Document.class);
            assertThat(events).hasSameSizeAs(documents);
            for (int i = 0; i < events.size(); i++) {
                StoredEvent event = events.get(i);
                Document document = documents.get(i);
                assertThat(event.position()).isEqualTo(start + i);
                assertThat(event.eventId()).isEqualTo(document.getString("id"));
                assertThat(event.payload())
                        .isEqualTo(document.get("p", Binary.class).getData());
                assertThat(event.metadata())
                        .isEqualTo(document.get("m", Binary.class).getData());
                assertThat(new String(event.metadata(), StandardCharsets.UTF_8)).contains("\"clinicId\"");
                assertThat(event.timestamp().toEpochMilli())
                        .isEqualTo(document.getDate("ts").getTime());
                assertThat(event.payloadType()).startsWith(TreatmentLog.class.getName() + "$");
                if (event.streamId() != null) {
                    domain++;
                    assertThat(event.aggregateType()).isEqualTo("TreatmentRecord");
                    assertThat(event.sequence()).isNotNull();
                } else {
                    outsideStreams++;
                    assertThat(event.aggregateType()).isNull();
                }
            }
        }
        assertThat(domain).isPositive();
        assertThat(outsideStreams).isPositive();
    }

    @Test
    void anythingButTheEnginesShapeIsRefusedAtItsPosition() {
        log.append(40);
        long start = log.commitStarts().stream()
                .filter(s -> log.commitStarts().contains(s + 2) && hasStream(s) && hasStream(s + 1))
                .findFirst()
                .orElseThrow();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a field on the commit", start, c -> c.put("note", "x")));
        cases.add(new Case("a field on an event", start + 1, c -> event(c, 1).put("note", "x")));
        cases.add(new Case("n", start, c -> c.put("n", 3)));
        cases.add(new Case("pos", start + 1, c -> c.put("pos", List.of(start, start + 5))));
        cases.add(new Case("ids order", start, c -> c.put("ids", reversed(c.getList("ids", String.class)))));
        cases.add(new Case(
                "keys",
                start + 1,
                c -> c.put("keys", List.of(c.getList("keys", String.class).get(0)))));
        cases.add(new Case("ts as text", start + 1, c -> event(c, 1).put("ts", "2026-11-25")));
        cases.add(new Case("tsn zero", start, c -> event(c, 0).put("tsn", 0)));
        cases.add(new Case("tsn a whole ms", start, c -> event(c, 0).put("tsn", 1_000_000)));
        cases.add(new Case(
                "payload subtype",
                start,
                c -> event(c, 0).put("p", new Binary(BsonBinarySubType.USER_DEFINED, new byte[] {1}))));
        cases.add(new Case("no metadata", start + 1, c -> event(c, 1).remove("m")));
        cases.add(new Case("stream without sequence", start, c -> event(c, 0).remove("seq")));
        cases.add(new Case("negative sequence", start, c -> event(c, 0).put("seq", -1L)));
        cases.add(new Case("no events", start, c -> c.put("events", List.of())));
        cases.add(new Case("sequence as text", start, c -> event(c, 0).put("seq", "3")));

        for (Case each : cases) {
            Document commit = log.commits().find(Filters.eq("_id", start)).first();
            each.change().accept(commit);
            assertThatThrownBy(() -> CommitDocument.events(raw(commit)))
                    .as(each.name())
                    .isInstanceOf(MalformedCommitException.class)
                    .satisfies(e -> assertThat(((MalformedCommitException) e).position())
                            .as(each.name())
                            .isEqualTo(each.position()));
        }
    }

    private record Case(String name, long position, Consumer<Document> change) {}

    private boolean hasStream(long start) {
        Document commit =
                log.commits().find(Filters.eq("_id", log.commitHolding(start))).first();
        return commit.getList("events", Document.class)
                .get((int) (start - log.commitHolding(start)))
                .containsKey("agg");
    }

    private static Document event(Document commit, int index) {
        return commit.getList("events", Document.class).get(index);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static RawBsonDocument raw(Document document) {
        return new RawBsonDocument(document, new DocumentCodec());
    }
}
