package org.smpledger.verifier.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.testing.TreatmentLog;

/**
 * The fast path of the scans, {@link CommitBytes}, against the definition ({@link CommitDocument}
 * and {@link EventLeaf}): the documented leaves from stored bytes, the same leaves for every commit
 * the engine writes, every malformed shape declined, and no changed byte anywhere accepted with
 * leaves other than the definition's.
 */
class CommitBytesTest {

    private static final long MILLIS = Instant.parse("2026-11-25T10:15:30.123Z").toEpochMilli();

    private final TreatmentLog log = new TreatmentLog(11);
    private final CommitBytes bytes = new CommitBytes();

    @AfterEach
    void drop() {
        log.close();
    }

    /** The worked examples of docs/verifiable-log.md, stored as one commit of two events. */
    @Test
    void theDocumentedLeavesComeStraightFromTheStoredBytes() {
        BsonDocument session = new BsonDocument("id", new BsonString("ev-7"))
                .append("type", new BsonString("TreatmentRecord"))
                .append("agg", new BsonString("client-1"))
                .append("seq", new BsonInt64(2))
                .append("ts", new BsonDateTime(MILLIS))
                .append("tsn", new BsonInt32(456_789))
                .append("pt", new BsonString("org.smpledger.events.SessionCompleted"))
                .append("pr", new BsonString("2"))
                .append("p", new BsonBinary("{\"dots\":40}".getBytes(StandardCharsets.UTF_8)))
                .append("m", new BsonBinary("{\"clinicId\":\"c1\"}".getBytes(StandardCharsets.UTF_8)));
        BsonDocument opened = new BsonDocument("ts", new BsonDateTime(MILLIS)) // fields in another order
                .append("id", new BsonString("ev-8"))
                .append("m", new BsonBinary("{}".getBytes(StandardCharsets.UTF_8)))
                .append("pt", new BsonString("org.smpledger.events.ClinicOpened"))
                .append("p", new BsonBinary(new byte[0]));
        BsonDocument commit = new BsonDocument("_id", new BsonInt64(7))
                .append("n", new BsonInt32(2))
                .append("pos", new BsonArray(List.of(new BsonInt64(7), new BsonInt64(8))))
                .append("keys", new BsonArray(List.of(new BsonString("client-1:2"))))
                .append("ids", new BsonArray(List.of(new BsonString("ev-7"), new BsonString("ev-8"))))
                .append("events", new BsonArray(List.of(session, opened)));

        CommitBytes.Leaves leaves = read(new RawBsonDocument(commit, new BsonDocumentCodec()));

        assertThat(leaves).isNotNull();
        assertThat(leaves.first()).isEqualTo(7);
        assertThat(Arrays.stream(leaves.hashes()).map(Hash::hex))
                .containsExactly(
                        "7344e78526cf2813e9db28cd64008cb80ff024b8c1ec2d69ae3c378bdcc4cff7",
                        "1f045565b3419f0ac41b0665d56128f58661d8eda1d56e4e5c533cd7c80d18b0");
    }

    @Test
    void everyCommitTheEngineWritesGivesTheLeavesOfTheDefinition() throws Exception {
        log.append(300);
        for (long start : log.commitStarts()) {
            RawBsonDocument stored = stored(start);
            CommitBytes.Leaves fast = read(stored);
            assertThat(fast).as("commit " + start).isNotNull();
            assertThat(fast.first()).isEqualTo(start);
            assertThat(fast.hashes()).containsExactlyElementsOf(definition(stored));
        }
    }

    @Test
    void everyShapeButTheEnginesIsDeclined() {
        log.append(40);
        long start = log.commitStarts().stream()
                .filter(s -> log.commitStarts().contains(s + 2)
                        && !log.commitStarts().contains(s + 1))
                .findFirst()
                .orElseThrow();
        List<Consumer<BsonDocument>> changes = new ArrayList<>();
        changes.add(c -> c.put("note", new BsonString("x")));
        changes.add(c -> event(c, 1).put("note", new BsonString("x")));
        changes.add(c -> c.put("n", new BsonInt32(3)));
        changes.add(c -> c.put("n", new BsonString("2")));
        changes.add(c -> c.put("_id", new BsonString("x")));
        changes.add(c -> c.put("pos", new BsonArray(List.of(new BsonInt64(start), new BsonInt64(start + 5)))));
        changes.add(c -> c.getArray("ids").set(0, new BsonString("someone-else")));
        changes.add(c -> c.getArray("ids").add(new BsonString("one more")));
        changes.add(c -> c.put("keys", new BsonArray()));
        changes.add(c -> c.put("keys", new BsonArray(List.of(new BsonString("nobody:0")))));
        changes.add(c -> event(c, 0).put("ts", new BsonString("2026-11-25")));
        changes.add(c -> event(c, 0).put("tsn", new BsonInt32(0)));
        changes.add(c -> event(c, 0).put("tsn", new BsonInt32(1_000_000)));
        changes.add(c -> event(c, 0).put("tsn", new BsonInt64(5)));
        changes.add(c -> event(c, 0).put("p", new BsonBinary((byte) 0x80, new byte[] {1})));
        changes.add(c -> event(c, 1).remove("m"));
        changes.add(c -> event(c, 0).remove("id"));
        changes.add(c -> event(c, 0).remove("pt"));
        changes.add(c -> event(c, 0).put("seq", new BsonInt64(-1)));
        changes.add(c -> event(c, 0).put("seq", new BsonString("3")));
        changes.add(c -> event(c, 0).put("pt", new BsonInt32(3)));
        changes.add(c -> c.put("events", new BsonArray()));
        changes.add(c -> c.getArray("events").set(0, new BsonString("not an event")));
        for (int i = 0; i < changes.size(); i++) {
            BsonDocument commit = stored(start).decode(new BsonDocumentCodec());
            changes.get(i).accept(commit);
            assertThat(read(new RawBsonDocument(commit, new BsonDocumentCodec())))
                    .as("change " + i)
                    .isNull();
        }
    }

    @Test
    void aRepeatedFieldOrANonAsciiStringIsLeftToTheDefinition() {
        log.append(10);
        long start = log.commitStarts().get(0);
        byte[] document = bytesOf(stored(start));
        // a field twice (ids renamed to pos): a BsonDocument cannot hold that, so the bytes are patched
        byte[] renamed = replaceName(document, "ids", "pos");
        assertThat(bytes.read(renamed, 0, renamed.length)).isNull();

        BsonDocument commit = stored(start).decode(new BsonDocumentCodec());
        String id = "ëvent-" + event(commit, 0).getString("id").getValue();
        event(commit, 0).put("id", new BsonString(id));
        commit.getArray("ids").set(0, new BsonString(id));
        RawBsonDocument nonAscii = new RawBsonDocument(commit, new BsonDocumentCodec());
        assertThat(read(nonAscii)).isNull();
        assertThat(definition(nonAscii)).hasSize(commit.getArray("events").size());
    }

    /**
     * Every byte of stored commits changed in several ways: the fast path declines, or gives exactly
     * the leaves the definition gives for the document the driver decodes from those bytes.
     */
    @Test
    void noChangedByteIsAcceptedWithLeavesOtherThanTheDefinitions() {
        log.append(30);
        int accepted = 0;
        int declined = 0;
        for (long start : log.commitStarts().subList(0, 8)) {
            byte[] original = bytesOf(stored(start));
            for (int at = 0; at < original.length; at++) {
                for (int change : new int[] {0x01, 0x80, 0xff, -1}) {
                    byte[] changed = original.clone();
                    changed[at] = change == -1 ? 0 : (byte) (changed[at] ^ change);
                    CommitBytes.Leaves fast = bytes.read(changed, 0, changed.length);
                    if (fast == null) {
                        declined++;
                        continue;
                    }
                    accepted++;
                    List<Hash> expected = definition(new RawBsonDocument(changed));
                    assertThat(fast.hashes())
                            .as("byte %d of commit %d changed by %x", at, start, change)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
        assertThat(accepted).isPositive(); // changed payloads, metadata, times, identifiers that still agree
        assertThat(declined).isPositive();
    }

    private CommitBytes.Leaves read(RawBsonDocument document) {
        ByteBuf buffer = document.getByteBuffer();
        return bytes.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }

    private static byte[] bytesOf(RawBsonDocument document) {
        ByteBuf buffer = document.getByteBuffer();
        int from = buffer.arrayOffset() + buffer.position();
        return Arrays.copyOfRange(buffer.array(), from, from + buffer.remaining());
    }

    private static List<Hash> definition(RawBsonDocument raw) {
        BsonDocument decoded = new BsonDocumentCodec()
                .decode(
                        new BsonBinaryReader(raw.getByteBuffer().asNIO()),
                        DecoderContext.builder().build());
        try {
            return CommitDocument.events(decoded).stream().map(EventLeaf::hash).toList();
        } catch (MalformedCommitException e) {
            throw new AssertionError("the definition refuses what the fast path accepted: " + e.getMessage(), e);
        }
    }

    private RawBsonDocument stored(long start) {
        return log.database
                .getCollection("event_commits", RawBsonDocument.class)
                .find(Filters.eq("_id", start))
                .first();
    }

    private static BsonDocument event(BsonDocument commit, int index) {
        return commit.getArray("events").get(index).asDocument();
    }

    private static byte[] replaceName(byte[] document, String from, String to) {
        byte[] needle = (from + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = (to + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] copy = document.clone();
        for (int i = 0; i + needle.length <= copy.length; i++) {
            if (Arrays.equals(copy, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, copy, i, replacement.length);
                return copy;
            }
        }
        throw new IllegalStateException(from + " not found");
    }
}
