package org.smpledger.verifier.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.EventLeaf;
import org.smpledger.verifier.leaf.StoredEvent;
import org.smpledger.verifier.merkle.CompactRange;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.MemoryTree;
import org.smpledger.verifier.merkle.NodeId;
import org.smpledger.verifier.merkle.TreeHashing;
import org.smpledger.verifier.testing.StoredTiles;
import org.smpledger.verifier.testing.TreatmentLog;

class TreeBuilderTest {

    private final TreatmentLog log = new TreatmentLog(7);

    @AfterEach
    void drop() {
        log.close();
    }

    @Test
    void theStoredTreeHoldsEveryStoredEventAndItsProofsVerifyAgainstTheCheckpoints() throws Exception {
        log.append(57);
        long size = log.size();
        TreeBuilder builder = log.builder().build();

        assertThat(builder.catchUp()).isEqualTo(size);
        SignedCheckpoint latest = builder.checkpoint();

        MemoryTree expected = referenceTree();
        StoredTree tree = log.store.tree();
        assertThat(tree.size()).isEqualTo(size);
        assertThat(tree.root(size)).isEqualTo(expected.root());
        assertThat(log.store.checkpoints().latest()).contains(latest);
        Checkpoint checkpoint = log.signer.key().verify(latest);
        assertThat(checkpoint.size()).isEqualTo(size);
        assertThat(checkpoint.root()).isEqualTo(expected.root());
        for (long index = 0; index < size; index++) {
            assertThat(tree.inclusionProof(index, size).verify(leafAt(index + 1), checkpoint.root()))
                    .as("inclusion of position %d", index + 1)
                    .isTrue();
        }
        List<Checkpoint> all = storedCheckpoints();
        assertThat(all).hasSizeGreaterThan(4);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i; j < all.size(); j++) {
                ConsistencyProof proof =
                        tree.consistencyProof(all.get(i).size(), all.get(j).size());
                assertThat(proof.verify(all.get(i).root(), all.get(j).root())).isTrue();
            }
        }
    }

    @Test
    void aCheckpointEveryNEventsOrAfterTheIntervalIfTheLogGrew() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        TreeBuilder builder = log.builder()
                .clock(clock)
                .checkpointPolicy(new CheckpointPolicy(10, Duration.ofSeconds(30)))
                .build();
        log.append(45);

        builder.catchUp();

        List<Checkpoint> checkpoints = storedCheckpoints();
        List<Long> starts = log.commitStarts();
        for (Checkpoint checkpoint : checkpoints) {
            assertThat(starts).as("checkpoints fall on commit ends").contains(checkpoint.size() + 1);
        }
        assertThat(checkpoints.get(0).size()).isBetween(10L, 12L);
        for (int i = 1; i < checkpoints.size(); i++) {
            assertThat(checkpoints.get(i).size() - checkpoints.get(i - 1).size())
                    .isBetween(10L, 12L);
        }
        long lastSize = checkpoints.get(checkpoints.size() - 1).size();
        assertThat(builder.checkpointIfDue())
                .as("not yet: under 10 events and 30 s")
                .isEmpty();

        clock.advance(Duration.ofSeconds(31));
        if (lastSize < log.size()) {
            assertThat(builder.checkpointIfDue())
                    .hasValueSatisfying(c -> assertThat(c.checkpoint().size()).isEqualTo(log.size()));
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(builder.checkpointIfDue()).as("no growth, no checkpoint").isEmpty();

        log.append(1);
        clock.advance(Duration.ofSeconds(31));
        builder.catchUp();
        assertThat(log.store.checkpoints().latest().orElseThrow().checkpoint().size())
                .isEqualTo(log.size());
    }

    @Test
    void aNewBuilderResumesFromTheStoredSize() {
        log.append(40);
        TreeBuilder first = log.builder().build();
        long reached = first.appendThrough(20);
        assertThat(reached).isBetween(20L, 22L);

        log.append(15);
        TreeBuilder second = log.builder().build();
        assertThat(second.size()).isEqualTo(reached);
        assertThat(second.catchUp()).isEqualTo(log.size());

        assertThat(log.store.tree().root(log.size())).isEqualTo(referenceTree().root());
        assertThat(second.checkpoint().checkpoint().root())
                .isEqualTo(referenceTree().root());
    }

    @Test
    void theTilesHoldEveryCompletedNodeInTheDocumentedLayout() {
        log.append(1);
        TreeBuilder builder = log.builder().window(1).build();
        var tiles = log.database.getCollection(StoredTiles.COLLECTION);
        while (log.size() < 300) {
            log.append(1);
            long size = builder.catchUp();
            assertThat(tiles.countDocuments())
                    .as("full tiles of a tree of %d leaves", size)
                    .isEqualTo(StoredTiles.fullTiles(size));
            assertThat(StoredTiles.filling(log.database))
                    .as("filling tiles of %d leaves", size)
                    .hasSize((int) StoredTiles.fillingTiles(size));
        }
        log.append(500);
        long size = builder.catchUp();
        assertThat(size).isGreaterThan(512);

        MemoryTree reference = referenceTree();
        Map<NodeId, Hash> stored = StoredTiles.nodes(log.database);
        assertThat(stored).hasSize((int) (2 * size - Long.bitCount(size)));
        assertThat(reference.read(stored.keySet())).isEqualTo(stored);
        assertThat(log.database.listCollectionNames()).doesNotContain("verifiable_log_nodes");
    }

    @Test
    void aTreeWhoseTilesAreLostIsRebuiltFromTheEventsAndMustGiveItsCheckpointsRoot() {
        log.append(30);
        log.builder().build().catchUp();
        long signed = log.builder().build().checkpoint().checkpoint().size();
        StoredTiles.lose(log.database);
        log.append(5);

        TreeBuilder rebuilding = log.builder().build();
        assertThat(rebuilding.catchUp()).isEqualTo(log.size());
        assertThat(log.store.tree().root(log.size())).isEqualTo(referenceTree().root());
        assertThat(rebuilding.checkpoint().checkpoint().size()).isEqualTo(log.size());

        long latest = log.size();
        StoredTiles.lose(log.database);
        long altered = log.commitStarts().get(3);
        log.commits().updateOne(Filters.eq("_id", altered), Updates.set("events.0.p", new Binary(new byte[] {7})));
        assertThatThrownBy(() -> log.builder().build().catchUp())
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("does not give the root of the checkpoint of " + latest);
        assertThat(signed).isLessThan(latest);
    }

    @Test
    void aRebuildThatFindsACheckpointedCommitGoneNamesItsPosition() {
        log.append(30);
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        long signed = builder.checkpoint().checkpoint().size();
        StoredTiles.lose(log.database);
        long deleted = log.commitStarts().get(4);
        log.commits().deleteOne(Filters.eq("_id", deleted));

        assertThatThrownBy(() -> log.builder().build().catchUp())
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessage("position " + deleted + ": the checkpoint of " + signed
                        + " covers this position, which the store no longer holds");
    }

    @Test
    void aNodeWrittenAgainMustHoldTheSameHash() {
        StoredTree tree = log.store.tree();
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            leaves.add(TreeHashing.leaf(new byte[] {(byte) i}));
        }
        tree.append(CompactRange.empty(), leaves);
        Hash root = tree.root(13);

        tree.append(CompactRange.empty(), leaves); // a retry after a crash: every node is there already
        assertThat(tree.root(13)).isEqualTo(root);
        assertThat(tree.size()).isEqualTo(13);

        List<Hash> changed = new ArrayList<>(leaves);
        changed.set(5, TreeHashing.leaf(new byte[] {99}));
        assertThatThrownBy(() -> tree.append(CompactRange.empty(), changed))
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageStartingWith("position 6: the tree already holds a different hash over positions 6..6");
    }

    @Test
    void twoBuildersOnOneDatabaseBuildOneTree() throws Exception {
        TreeBuilder one = log.builder().window(7).build();
        TreeBuilder two = log.builder().window(11).build();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (TreeBuilder builder : List.of(one, two)) {
            running.add(threads.submit(() -> {
                try {
                    while (writing.get()) {
                        builder.catchUp();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (int i = 0; i < 40; i++) {
            log.append(5);
        }
        writing.set(false);
        for (Future<?> future : running) {
            future.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(failures).isEmpty();

        assertThat(one.catchUp()).isEqualTo(log.size());
        assertThat(two.catchUp()).isEqualTo(log.size());
        assertThat(log.store.tree().root(log.size())).isEqualTo(referenceTree().root());
        StoredTree tree = log.store.tree();
        Checkpoint previous = null;
        for (Checkpoint checkpoint : storedCheckpoints()) {
            assertThat(tree.root(checkpoint.size())).isEqualTo(checkpoint.root());
            if (previous != null) {
                assertThat(tree.consistencyProof(previous.size(), checkpoint.size())
                                .verify(previous.root(), checkpoint.root()))
                        .isTrue();
            }
            previous = checkpoint;
        }
    }

    @Test
    void refusesToBuildOverAMalformedCommit() {
        log.append(10);
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        log.append(10);
        long bad = log.commitStarts().stream().filter(p -> p > 10).findFirst().orElseThrow();
        log.commits().updateOne(Filters.eq("_id", bad), Updates.set("events.0.note", "added later"));

        assertThatThrownBy(builder::catchUp)
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("position " + bad + ": the event has an unexpected field 'note'");
        assertThat(log.store.tree().size()).isEqualTo(bad - 1);
        assertThatThrownBy(builder::catchUp).isInstanceOf(StoreIntegrityException.class);
    }

    @Test
    void refusesToSignWhenTheStoredTreeNoLongerGivesItsLastCheckpoint() {
        log.append(20);
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        long signed = builder.checkpoint().checkpoint().size();
        NodeId largest = CompactRange.nodesOf(signed).get(0);
        StoredTiles.overwrite(log.database, largest, new byte[32]);
        log.append(5);

        assertThatThrownBy(() -> log.builder().build().catchUp())
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("no longer gives the root of the checkpoint of " + signed);
    }

    private MemoryTree referenceTree() {
        MemoryTree tree = new MemoryTree();
        for (RawBsonDocument commit : log.database
                .getCollection("event_commits", RawBsonDocument.class)
                .find()
                .sort(Sorts.ascending("_id"))) {
            try {
                for (StoredEvent event : CommitDocument.events(commit)) {
                    assertThat(event.position()).isEqualTo(tree.size() + 1);
                    tree.append(EventLeaf.hash(event));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return tree;
    }

    private Hash leafAt(long position) throws Exception {
        RawBsonDocument commit = log.database
                .getCollection("event_commits", RawBsonDocument.class)
                .find(new Document("pos", position))
                .first();
        for (StoredEvent event : CommitDocument.events(commit)) {
            if (event.position() == position) {
                return EventLeaf.hash(event);
            }
        }
        throw new AssertionError("no event at " + position);
    }

    private List<Checkpoint> storedCheckpoints() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Document document :
                log.database.getCollection("verifiable_log_checkpoints").find().sort(Sorts.ascending("_id"))) {
            try {
                checkpoints.add(log.signer.key().verify(SignedCheckpoint.parse(document.getString("note"))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return checkpoints;
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
