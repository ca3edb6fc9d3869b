package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.smpledger.processing.EventProcessors;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.leaf.EventLeaf;
import org.smpledger.verifier.store.CheckpointPolicy;
import org.smpledger.verifier.store.LogStore;

/** The tree's processor on the production event store: in global order, off the command path, resumable. */
class TreeBuildingTest {

    private final LogSigner signer =
            new LogSigner("clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());

    @Test
    void theTreeFollowsEveryCommitWithCheckpointsEveryNEventsAndProofsThatVerify() throws Exception {
        List<SignedCheckpoint> published = new CopyOnWriteArrayList<>();
        try (StoreOnMongo events = new StoreOnMongo("tree_follows");
                EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                TreeBuilding building = building(events, new CheckpointPolicy(50, Duration.ofHours(1)), published)) {
            building.registerWith(processors);
            long stored = events.commits(60);
            Thread writer = new Thread(() -> events.commits(60));
            writer.start();
            stored += events.commits(60);
            writer.join();
            long head = events.engine.createHeadToken().position().orElseThrow();
            assertThat(head).isGreaterThanOrEqualTo(stored);

            await().atMost(Duration.ofSeconds(30)).until(() -> building.size() == head);
            assertThat(building.lag()).hasValue(0);
            LogStore log = LogStore.on(events.database);
            // tiles of 256 nodes per level: a batch rewrites the few it touches, not a document per node
            assertThat(events.database.getCollection("verifiable_log_tiles").countDocuments())
                    .isEqualTo(tilesOf(head));
            assertThat(published).isNotEmpty();
            for (int i = 1; i < published.size(); i++) {
                long grown = published.get(i).checkpoint().size()
                        - published.get(i - 1).checkpoint().size();
                assertThat(grown).isGreaterThanOrEqualTo(50);
            }
            SignedCheckpoint latest = building.checkpoint();
            assertThat(latest.checkpoint().size()).isEqualTo(head);
            LogVerifier verifier = new LogVerifier(log, signer.key());
            VerificationReport report = verifier.verify(latest);
            assertThat(report.verified()).as(report.toString()).isTrue();
            for (long position = 1; position <= head; position += 7) {
                assertThat(log.tree()
                                .inclusionProof(position - 1, head)
                                .verify(
                                        EventLeaf.hash(
                                                verifier.readEvent(position).orElseThrow()),
                                        latest.checkpoint().root()))
                        .isTrue();
            }
            assertThat(processors.position("verifiable-log")).hasValue(head);
        }
    }

    @Test
    void aQuietLogGetsItsTimedCheckpoint() {
        List<SignedCheckpoint> published = new CopyOnWriteArrayList<>();
        try (StoreOnMongo events = new StoreOnMongo("tree_timed");
                EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                TreeBuilding building =
                        building(events, new CheckpointPolicy(1000, Duration.ofMillis(400)), published)) {
            building.registerWith(processors);
            long first = events.commits(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
            assertThat(published.get(0).checkpoint().size()).isEqualTo(first);
            long more = first + events.commits(2);
            // no further event arrives: the timer signs the tree of `more` events
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            published.get(published.size() - 1).checkpoint().size() == more);
        }
    }

    @Test
    void aRestartWithoutItsTokenResumesFromTheStoredTree() {
        try (StoreOnMongo events = new StoreOnMongo("tree_restart")) {
            long first;
            try (EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                    TreeBuilding building = building(
                            events, new CheckpointPolicy(10, Duration.ofHours(1)), new CopyOnWriteArrayList<>())) {
                building.registerWith(processors);
                first = events.commits(40);
                await().atMost(Duration.ofSeconds(20)).until(() -> building.size() == first);
            }
            try (EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                    TreeBuilding building = building(
                            events, new CheckpointPolicy(10, Duration.ofHours(1)), new CopyOnWriteArrayList<>())) {
                building.registerWith(processors);
                long total = first + events.commits(40);
                await().atMost(Duration.ofSeconds(20)).until(() -> building.size() == total);
                VerificationReport report =
                        new LogVerifier(LogStore.on(events.database), signer.key()).verify(building.checkpoint());
                assertThat(report.verified()).as(report.toString()).isTrue();
                assertThat(events.database.getCollection("verifiable_log_tiles").countDocuments())
                        .isEqualTo(tilesOf(total));
            }
        }
    }

    @Test
    void aCommitTheBuilderRefusesHoldsTheTreeButNeverTheCommands() {
        try (StoreOnMongo events = new StoreOnMongo("tree_refuses");
                EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                TreeBuilding building =
                        building(events, new CheckpointPolicy(5, Duration.ofHours(1)), new CopyOnWriteArrayList<>())) {
            events.commits(10);
            // a field the engine's shape does not have, added to the sixth commit before the tree reads it
            List<Document> commits =
                    events.database.getCollection("event_commits").find().into(new java.util.ArrayList<>());
            commits.sort(java.util.Comparator.comparingLong(
                    c -> c.get("_id", Number.class).longValue()));
            long tampered = commits.get(5).get("_id", Number.class).longValue();
            events.database
                    .getCollection("event_commits")
                    .updateOne(new Document("_id", tampered), Updates.set("forged", new Binary(new byte[] {1})));

            building.registerWith(processors);
            long stored = events.commits(20);
            assertThat(stored).isPositive(); // commands are stored while the tree stands still
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> building.lastError().isPresent());
            assertThat(building.lastError().orElseThrow()).contains("position " + tampered);
            assertThat(building.size()).isEqualTo(tampered - 1);
            assertThat(building.lag().orElseThrow()).isGreaterThanOrEqualTo(stored);
            assertThat(processors.position("verifiable-log").orElse(0)).isLessThan(tampered);
        }
    }

    private TreeBuilding building(StoreOnMongo events, CheckpointPolicy policy, List<SignedCheckpoint> published) {
        return new TreeBuilding(
                LogStore.on(events.database),
                signer,
                new TreeBuilding.Settings("verifiable-log", 100, policy),
                Clock.systemUTC(),
                published::add);
    }

    /** Full tiles of a tree of {@code size} leaves: per tile level, the level's nodes in groups of 256. */
    private static long tilesOf(long size) {
        long tiles = 0;
        for (long nodes = size; nodes > 0; nodes >>= 8) {
            tiles += nodes / 256;
        }
        return tiles;
    }
}
