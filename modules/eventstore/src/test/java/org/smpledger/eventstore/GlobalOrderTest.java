package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.eventstore.Events.newClient;
import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.DelayingProxy;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Concurrent writers finish out of order; a processor tracking from the tail at the same time must
 * see every event exactly once, at positions 1, 2, 3, ... with no skip and no repeat. Writers of
 * one engine share its group commits; writers of two engines race for the same positions.
 */
class GlobalOrderTest {

    private static final int COMMITS_PER_WRITER = 150;
    private final MongoDatabase database = TestStores.freshDatabase("order");

    @AfterEach
    void drop() {
        database.drop();
    }

    @Test
    void processorSeesEveryEventOnceInPositionOrderWhileFourThreadsAppend() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database)
                .batchSize(20)
                .trackingBatchSize(20)
                .build();
        runWritersAndTrack(List.of(engine, engine, engine, engine), engine);
    }

    @Test
    void processorSeesEveryEventOnceWhenTwoEngineInstancesShareOneDatabase() throws Exception {
        MongoCommitStorageEngine instanceA = TestStores.engineOn(database).build();
        MongoCommitStorageEngine instanceB = TestStores.engineOn(database).build();
        MongoCommitStorageEngine processorInstance = TestStores.engineOn(database)
                .batchSize(20)
                .trackingBatchSize(20)
                .build();
        runWritersAndTrack(List.of(instanceA, instanceB, instanceA, instanceB), processorInstance);
    }

    @Test
    void processorSeesEveryEventOnceWhenTwoGroupCommittingInstancesRaceBehindNetworkLatency() throws Exception {
        CommitInserts insertsOfA = new CommitInserts();
        CommitInserts insertsOfB = new CommitInserts();
        TestStores.engineOn(database).build(); // indexes
        try (DelayingProxy proxy = DelayingProxy.start(TestMongo.address(), Duration.ofMillis(1));
                MongoClient clientA = TestStores.listeningClient(TestMongo.connectionStringThrough(proxy), insertsOfA);
                MongoClient clientB =
                        TestStores.listeningClient(TestMongo.connectionStringThrough(proxy), insertsOfB)) {
            MongoCommitStorageEngine instanceA = TestStores.engineOn(clientA.getDatabase(database.getName()))
                    .createIndexes(false)
                    .build();
            MongoCommitStorageEngine instanceB = TestStores.engineOn(clientB.getDatabase(database.getName()))
                    .createIndexes(false)
                    .build();
            MongoCommitStorageEngine processorInstance = TestStores.engineOn(database)
                    .batchSize(20)
                    .trackingBatchSize(20)
                    .build();

            runWritersAndTrack(
                    List.of(instanceA, instanceB, instanceA, instanceB, instanceA, instanceB, instanceA, instanceB),
                    processorInstance);
        }
        assertThat(insertsOfA.commitsPerInsert()).as("groups written by A").anyMatch(commits -> commits > 1);
        assertThat(insertsOfB.commitsPerInsert()).as("groups written by B").anyMatch(commits -> commits > 1);
        assertThat(insertsOfA.rejected() + insertsOfB.rejected())
                .as("inserts rejected because the other instance had taken the position")
                .isPositive();
    }

    @Test
    void processorWaitsForACommitNotYetVisibleInsteadOfSkippingIt() {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        var serializer = org.axonframework.eventsourcing.utils.TestSerializer.xStreamSerializer();
        var late = notesFor(newClient(), 0, 2);
        var early = notesFor(newClient(), 0, 1);
        var commits = database.getCollection("event_commits", org.bson.RawBsonDocument.class);
        // Position 3 becomes visible before positions 1-2, as a replica-set read at majority could see it.
        commits.insertOne(CommitDocuments.commit(
                3,
                List.of(CommitDocuments.event(early.get(0), serializer)),
                List.of(CommitDocuments.streamKey(early.get(0).getAggregateIdentifier(), 0)),
                List.of(early.get(0).getIdentifier())));

        assertThat(engine.readEvents(engine.createTailToken(), false).toList()).isEmpty();

        commits.insertOne(CommitDocuments.commit(
                1,
                late.stream().map(e -> CommitDocuments.event(e, serializer)).toList(),
                late.stream()
                        .map(e -> CommitDocuments.streamKey(e.getAggregateIdentifier(), e.getSequenceNumber()))
                        .toList(),
                late.stream().map(e -> e.getIdentifier()).toList()));
        assertThat(engine.readEvents(engine.createTailToken(), false).toList())
                .extracting(e -> e.trackingToken().position().getAsLong())
                .containsExactly(1L, 2L, 3L);
    }

    private void runWritersAndTrack(List<MongoCommitStorageEngine> writers, MongoCommitStorageEngine reader)
            throws Exception {
        Set<String> appended = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> futures = new ArrayList<>();
        for (MongoCommitStorageEngine writer : writers) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < COMMITS_PER_WRITER; i++) {
                    var events = notesFor(
                            newClient(), 0, 1 + ThreadLocalRandom.current().nextInt(3));
                    writer.appendEvents(events);
                    events.forEach(e -> appended.add(e.getIdentifier()));
                }
                return null;
            }));
        }
        List<TrackedEventMessage<?>> seen = new ArrayList<>();
        TrackingToken token = reader.createTailToken();
        start.countDown();
        Future<?> done = pool.submit(() -> {
            for (Future<?> f : futures) {
                f.get();
            }
            writing.set(false);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean finalPass = false;
        while (System.nanoTime() < deadline) {
            boolean stillWriting = writing.get();
            List<? extends TrackedEventMessage<?>> batch =
                    reader.readEvents(token, false).toList();
            seen.addAll(batch);
            if (!batch.isEmpty()) {
                token = batch.get(batch.size() - 1).trackingToken();
            }
            if (!stillWriting) {
                if (finalPass) {
                    break;
                }
                finalPass = true;
            }
        }
        done.get();
        pool.shutdown();

        List<Long> positions =
                seen.stream().map(e -> e.trackingToken().position().getAsLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long p = 1; p <= appended.size(); p++) {
            expected.add(p);
        }
        assertThat(positions).as("dense, increasing, each once").isEqualTo(expected);
        Set<String> seenIds = new HashSet<>();
        seen.forEach(e -> seenIds.add(e.getIdentifier()));
        assertThat(seenIds).hasSize(seen.size()).isEqualTo(appended);
    }
}
