package org.smpledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.EventLeaf;
import org.smpledger.verifier.leaf.MalformedCommitException;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.NodeId;
import org.smpledger.verifier.store.TreeBuilder;
import org.smpledger.verifier.testing.StoredTiles;
import org.smpledger.verifier.testing.TreatmentLog;

/**
 * Tampering with a store written by the real event store engine, through the MongoDB driver
 * (as anyone with write access to the database could), is detected and the first bad position
 * named. The log holds ~80 events in commits of 1-3; the auditor holds the checkpoint of all of
 * them.
 */
class TamperDetectionTest {

    private final TreatmentLog log = new TreatmentLog(14);
    private final LogVerifier verifier = new LogVerifier(log.store, log.signer.key()).window(16);
    private SignedCheckpoint checkpoint;
    private long size;

    @TempDir
    Path auditor;

    @BeforeEach
    void aLogWithCheckpoints() {
        log.append(80);
        size = log.size();
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        checkpoint = builder.checkpoint();
        assertThat(checkpoint.checkpoint().size()).isEqualTo(size);
        assertThat(verifier.verify(checkpoint).verified()).isTrue();
    }

    @AfterEach
    void drop() {
        log.close();
    }

    @Test
    void anUntouchedStoreVerifiesAgainstEveryCheckpoint() throws Exception {
        List<SignedCheckpoint> all = storedCheckpoints();
        assertThat(all).hasSizeGreaterThan(5);
        try (TrustedState trusted = trustedState()) {
            for (SignedCheckpoint each : all) {
                assertThat(verifier.verify(each).verified()).as("%s", each).isTrue();
                VerificationReport report = verifier.verify(each, trusted);
                assertThat(report.verified()).as("%s", report).isTrue();
                assertThat(trusted.checkpoint()).contains(each);
            }
        }
        try (TrustedState reopened = trustedState()) {
            assertThat(reopened.leaves().orElseThrow().size()).isEqualTo(size);
        }
        log.append(12);
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        try (TrustedState trusted = trustedState()) {
            assertThat(verifier.verify(builder.checkpoint(), trusted).verified())
                    .isTrue();
        }
    }

    @Test
    void oneByteOfAPayload() {
        long position = secondEventOfACommitAfter(20);
        changeEvent(position, event -> flipFirstByte(event, "p"));

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, position);
    }

    @Test
    void oneByteOfMetadata() {
        long position = secondEventOfACommitAfter(30);
        changeEvent(position, event -> flipFirstByte(event, "m"));

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, position);
    }

    @Test
    void aChangedTimestamp() {
        long position = secondEventOfACommitAfter(40);
        changeEvent(
                position, event -> event.put("ts", new Date(event.getDate("ts").getTime() + 1)));

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, position);
    }

    @Test
    void anAlteredEventWhoseStoredLeafWasAlteredToMatchIsNotMisplaced() throws Exception {
        try (TrustedState trusted = trustedState()) {
            assertThat(verifier.verify(checkpoint, trusted).verified()).isTrue();
        }
        long first = secondEventOfACommitAfter(20);
        long second = secondEventOfACommitAfter(60);
        changeEvent(first, event -> flipFirstByte(event, "p"));
        changeEvent(second, event -> flipFirstByte(event, "p"));
        Hash forgedLeaf = EventLeaf.hash(log.store
                .commits()
                .holding(first)
                .map(commit -> {
                    try {
                        return CommitDocument.events(commit).get((int) (first - log.commitHolding(first)));
                    } catch (MalformedCommitException e) {
                        throw new AssertionError(e);
                    }
                })
                .orElseThrow());
        StoredTiles.overwrite(log.database, new NodeId(0, first - 1), forgedLeaf.bytes());

        // the stored leaves no longer give the signed root, so they cannot say where: no wrong position
        assertDetected(verifier.verify(checkpoint), FaultKind.ROOT_MISMATCH, 0);
        try (TrustedState trusted = trustedState()) {
            assertDetected(verifier.verify(checkpoint, trusted), FaultKind.ALTERED_EVENT, first);
        }
    }

    @Test
    void aDeletedCommit() {
        long start = log.commitHolding(35);
        log.commits().deleteOne(Filters.eq("_id", start));

        assertDetected(verifier.verify(checkpoint), FaultKind.MISSING_EVENT, start);
    }

    @Test
    void twoSwappedEvents() {
        long a = singleEventCommitAfter(20);
        long b = singleEventCommitAfter(a + 10);
        Document first = commit(a);
        Document second = commit(b);
        swapField(first, second, "events");
        swapField(first, second, "ids");
        swapField(first, second, "keys");
        log.commits().deleteMany(Filters.in("_id", a, b)); // the unique indexes refuse the swap in place
        log.commits().insertMany(List.of(first, second));

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, a);
    }

    @Test
    void twoSwappedEventsInsideOneCommit() {
        long position = secondEventOfACommitAfter(50);
        long start = log.commitHolding(position);
        Document commit = commit(start);
        for (String field : List.of("events", "ids", "keys")) {
            List<Object> values = new ArrayList<>(commit.getList(field, Object.class));
            Object earlier = values.get((int) (position - start - 1));
            values.set((int) (position - start - 1), values.get((int) (position - start)));
            values.set((int) (position - start), earlier);
            commit.put(field, values);
        }
        log.commits().replaceOne(Filters.eq("_id", start), commit);

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, position - 1);
    }

    @Test
    void anInsertedForgedCommitShiftingTheRestUp() {
        long at = log.commitHolding(45);
        List<Document> later = new ArrayList<>();
        for (long start : log.commitStarts()) {
            if (start >= at) {
                later.add(0, commit(start));
            }
        }
        for (Document commit : later) { // from the last one down, so no position is taken twice
            long start = commit.get("_id", Number.class).longValue();
            log.commits().deleteOne(Filters.eq("_id", start));
            List<Long> positions = new ArrayList<>();
            for (Number p : commit.getList("pos", Number.class)) {
                positions.add(p.longValue() + 1);
            }
            commit.put("_id", start + 1);
            commit.put("pos", positions);
            log.commits().insertOne(commit);
        }
        Document forged = commit(at + 1);
        Document event = forged.getList("events", Document.class).get(0);
        String forgedId = UUID.randomUUID().toString();
        event.put("id", forgedId);
        event.put("p", new Binary("{\"note\":\"session done, no reaction\"}".getBytes()));
        forged.put("_id", at);
        forged.put("n", 1);
        forged.put("pos", List.of(at));
        forged.put("ids", List.of(forgedId));
        forged.put("events", List.of(event));
        if (event.containsKey("agg")) {
            forged.put(
                    "keys",
                    List.of(event.getString("agg") + ":"
                            + (event.get("seq", Number.class).longValue() + 1000)));
            event.put("seq", event.get("seq", Number.class).longValue() + 1000);
        }
        log.commits().insertOne(forged);

        assertDetected(verifier.verify(checkpoint), FaultKind.ALTERED_EVENT, at);
    }

    @Test
    void aForgedCommitInsideAnotherOnceTheUniqueIndexIsDropped() {
        long position = secondEventOfACommitAfter(25);
        log.commits().dropIndex("pos_unique");
        log.commits().dropIndex("ids_unique");
        log.commits().dropIndex("keys_unique");
        Document forged = commit(log.commitHolding(position));
        Document event = forged.getList("events", Document.class).get(0);
        forged.put("_id", position);
        forged.put("n", 1);
        forged.put("pos", List.of(position));
        forged.put("ids", List.of(event.getString("id")));
        forged.put("events", List.of(event));
        if (event.containsKey("agg")) {
            forged.put("keys", List.of(event.getString("agg") + ":" + event.get("seq", Number.class)));
        }
        log.commits().insertOne(forged);

        assertDetected(verifier.verify(checkpoint), FaultKind.OVERLAPPING_COMMIT, position);
    }

    @Test
    void aTruncatedSuffix() {
        long from = log.commitHolding(60);
        log.commits().deleteMany(Filters.gte("_id", from));

        VerificationReport report = verifier.verify(checkpoint);

        assertDetected(report, FaultKind.MISSING_EVENT, from);
        assertThat(report.faults().get(0).detail()).isEqualTo("no commit holds positions " + from + ".." + size);
    }

    @Test
    void aSuffixRewrittenWithNewHashesAndResignedWithAnotherKey() throws Exception {
        try (TrustedState trusted = trustedState()) {
            assertThat(verifier.verify(checkpoint, trusted).verified()).isTrue();
        }
        long from = log.commitHolding(50);
        for (long start : log.commitStarts()) {
            if (start >= from) {
                Document commit = commit(start);
                for (Document event : commit.getList("events", Document.class)) {
                    flipFirstByte(event, "p");
                }
                log.commits().replaceOne(Filters.eq("_id", start), commit);
            }
        }
        for (String collection : List.of("tiles", "checkpoints", "state")) {
            log.database.getCollection("verifiable_log_" + collection).drop();
        }
        LogSigner forger =
                new LogSigner(TreatmentLog.ORIGIN, Ed25519Keys.generate().getPrivate());
        TreeBuilder forgersBuilder = TreeBuilder.builder(log.store, forger).build();
        forgersBuilder.catchUp();
        SignedCheckpoint forged = forgersBuilder.checkpoint();

        try (TrustedState trusted = trustedState()) {
            assertDetected(verifier.verify(forged, trusted), FaultKind.BAD_SIGNATURE, 0);
            assertDetected(verifier.verify(checkpoint, trusted), FaultKind.ALTERED_EVENT, from);
            assertThat(trusted.checkpoint()).contains(checkpoint);
        }
        // without its own leaf record the auditor still detects it, but cannot say where
        assertDetected(verifier.verify(checkpoint), FaultKind.ROOT_MISMATCH, 0);
    }

    @Test
    void aSuffixRewrittenAndResignedWithTheLogsOwnKey() throws Exception {
        try (TrustedState trusted = trustedState()) {
            assertThat(verifier.verify(checkpoint, trusted).verified()).isTrue();
        }
        long from = log.commitHolding(50);
        changeEvent(from, event -> flipFirstByte(event, "p"));
        for (String collection : List.of("tiles", "checkpoints", "state")) {
            log.database.getCollection("verifiable_log_" + collection).drop();
        }
        TreeBuilder rebuilt = log.builder().build();
        rebuilt.catchUp();
        SignedCheckpoint resigned = rebuilt.checkpoint();

        try (TrustedState trusted = trustedState()) {
            VerificationReport report = verifier.verify(resigned, trusted);
            assertThat(report.verified()).isFalse();
            assertThat(report.faults())
                    .extracting(Fault::kind)
                    .containsExactlyInAnyOrder(FaultKind.SPLIT_VIEW, FaultKind.ALTERED_EVENT);
            assertThat(report.firstBadPosition()).hasValue(from);
            assertDetected(verifier.verify(checkpoint, trusted), FaultKind.ALTERED_EVENT, from);
        }
        assertThat(verifier.checkConsistency(checkpoint, resigned, null).faults())
                .extracting(Fault::kind)
                .containsExactly(FaultKind.SPLIT_VIEW);
    }

    @Test
    void aCheckpointWithABadSignature() throws Exception {
        String text = checkpoint.text();
        int signatureAt = text.lastIndexOf(' ') + 10;
        char changed = text.charAt(signatureAt) == 'A' ? 'B' : 'A';
        SignedCheckpoint badSignature =
                SignedCheckpoint.parse(text.substring(0, signatureAt) + changed + text.substring(signatureAt + 1));
        SignedCheckpoint changedBody =
                SignedCheckpoint.parse(text.replace("\n" + size + "\n", "\n" + (size - 1) + "\n"));

        assertDetected(verifier.verify(badSignature), FaultKind.BAD_SIGNATURE, 0);
        assertDetected(verifier.verify(changedBody), FaultKind.BAD_SIGNATURE, 0);
        try (TrustedState trusted = trustedState()) {
            assertDetected(verifier.verify(badSignature, trusted), FaultKind.BAD_SIGNATURE, 0);
            assertThat(trusted.checkpoint()).isEmpty();
        }
    }

    @Test
    void aRollbackToAnOlderTree() throws Exception {
        try (TrustedState trusted = trustedState()) {
            assertThat(verifier.verify(checkpoint, trusted).verified()).isTrue();
        }
        SignedCheckpoint older = storedCheckpoints().get(3);
        long kept = older.checkpoint().size();
        log.commits().deleteMany(Filters.gt("_id", kept));
        MongoCollection<Document> state = log.database.getCollection("verifiable_log_state");
        state.updateOne(
                Filters.eq("_id", "tree"), Updates.combine(Updates.set("size", kept), Updates.set("checkpoint", kept)));
        log.database.getCollection("verifiable_log_checkpoints").deleteMany(Filters.gt("_id", kept));
        SignedCheckpoint served = log.store.checkpoints().latest().orElseThrow();
        assertThat(served).isEqualTo(older);

        try (TrustedState trusted = trustedState()) {
            assertDetected(verifier.verify(served, trusted), FaultKind.ROLLBACK, kept + 1);
            assertDetected(verifier.verify(checkpoint, trusted), FaultKind.MISSING_EVENT, kept + 1);
        }
        assertDetected(verifier.checkConsistency(checkpoint, served, null), FaultKind.ROLLBACK, kept + 1);
    }

    private static void assertDetected(VerificationReport report, FaultKind kind, long firstBadPosition) {
        assertThat(report.verified()).as("detected: %s", report).isFalse();
        assertThat(report.faults().get(0).kind()).as("%s", report).isEqualTo(kind);
        if (firstBadPosition > 0) {
            assertThat(report.firstBadPosition()).as("%s", report).hasValue(firstBadPosition);
        } else {
            assertThat(report.firstBadPosition()).as("%s", report).isEmpty();
        }
        assertThat(report.toString()).doesNotContain("Exception");
    }

    private TrustedState trustedState() throws Exception {
        return TrustedState.open(
                auditor.resolve("trusted-checkpoint"), auditor.resolve("trusted-leaves"), log.signer.key());
    }

    private List<SignedCheckpoint> storedCheckpoints() throws Exception {
        List<SignedCheckpoint> all = new ArrayList<>();
        for (Document document :
                log.database.getCollection("verifiable_log_checkpoints").find().sort(new Document("_id", 1))) {
            all.add(SignedCheckpoint.parse(document.getString("note")));
        }
        return all;
    }

    private Document commit(long start) {
        return log.commits().find(Filters.eq("_id", start)).first();
    }

    private long secondEventOfACommitAfter(long position) {
        List<Long> starts = log.commitStarts();
        for (int i = 0; i < starts.size() - 1; i++) {
            if (starts.get(i) > position && starts.get(i + 1) - starts.get(i) >= 2) {
                return starts.get(i) + 1;
            }
        }
        throw new AssertionError("no commit of two events after " + position);
    }

    private long singleEventCommitAfter(long position) {
        List<Long> starts = log.commitStarts();
        for (int i = 0; i < starts.size() - 1; i++) {
            if (starts.get(i) > position && starts.get(i + 1) - starts.get(i) == 1) {
                return starts.get(i);
            }
        }
        throw new AssertionError("no single-event commit after " + position);
    }

    private interface EventChange {
        void apply(Document event);
    }

    private void changeEvent(long position, EventChange change) {
        long start = log.commitHolding(position);
        Document commit = commit(start);
        Document event = commit.getList("events", Document.class).get((int) (position - start));
        change.apply(event);
        log.commits().replaceOne(Filters.eq("_id", start), commit);
    }

    private static void flipFirstByte(Document event, String field) {
        byte[] bytes = event.get(field, Binary.class).getData();
        bytes[0] ^= 0x01;
        event.put(field, new Binary(bytes));
    }

    private static void swapField(Document one, Document other, String field) {
        Object value = one.get(field);
        if (value == null && other.get(field) == null) {
            return;
        }
        one.put(field, other.get(field));
        other.put(field, value);
        if (one.get(field) == null) {
            one.remove(field);
        }
        if (other.get(field) == null) {
            other.remove(field);
        }
    }
}
