package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smpledger.eventstore.Events.newClient;
import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.utils.TestSerializer;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smpledger.embedded.testing.DelayingProxy;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Commits that wait while a write is in flight go to the store together, each with its own
 * outcome. The tests hold one insert in its sending thread (as if it were on the wire), line
 * commits up behind it in a known order, then let it go: the next round trip carries them all.
 */
@Timeout(120)
class GroupCommitTest {

    private final CommitInserts inserts = new CommitInserts();
    private final MongoClient client = TestStores.listeningClient(inserts);
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("group"));
    private final ExecutorService appenders = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        appenders.shutdownNow();
        database.drop();
        client.close();
    }

    @Test
    void aConflictingMemberFailsAloneWhileTheOthersAreStoredAtDensePositions() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        String existing = newClient();
        engine.appendEvents(notesFor(existing, 0, 2));
        DomainEventMessage<?> stored = notesFor(newClient(), 0, 1).get(0);
        engine.appendEvents(stored);
        String first = newClient();
        String third = newClient();
        String sixth = newClient();

        Lineup lineup = lineUp(
                engine,
                notesFor(first, 0, 2),
                notesFor(existing, 1, 2), // stream position taken
                notesFor(third, 0, 1),
                notesFor(existing, 0, 1), // stream exists
                List.of(withIdentifierOf(stored, newClient())), // event id taken
                notesFor(sixth, 0, 3));

        assertThat(lineup.outcomes().get(0)).isNull();
        assertThat(lineup.outcomes().get(1))
                .isInstanceOf(ConcurrencyException.class)
                .isNotInstanceOf(AggregateStreamCreationException.class);
        assertThat(lineup.outcomes().get(2)).isNull();
        assertThat(lineup.outcomes().get(3)).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(lineup.outcomes().get(4)).isInstanceOf(ConcurrencyException.class);
        assertThat(lineup.outcomes().get(5)).isNull();
        // one round trip for all six, then the rest after each rejected member, from its position
        assertThat(lineup.commitsPerInsert()).containsExactly(6, 4, 2, 1);
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactly(
                        existing,
                        existing,
                        stored.getAggregateIdentifier(),
                        lineup.blocker(),
                        first,
                        first,
                        third,
                        sixth,
                        sixth,
                        sixth);
        assertThat(engine.readEvents(existing).asStream()).hasSize(2);
    }

    @Test
    void membersOfOneGroupOnOneStreamAreCheckedInTheOrderTheyCame() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        String client = newClient();

        Lineup lineup = lineUp(engine, notesFor(client, 0, 2), notesFor(client, 1, 1), notesFor(client, 2, 1));

        assertThat(lineup.outcomes().get(0)).isNull();
        assertThat(lineup.outcomes().get(1)).isInstanceOf(ConcurrencyException.class);
        assertThat(lineup.outcomes().get(2)).isNull();
        assertThat(engine.readEvents(client).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
        assertThat(positionsFromTail(engine)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aMemberWhosePositionAnotherWriterTookIsWrittenAfterItAtTheNewHead() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        String first = newClient();
        String second = newClient();
        String third = newClient();
        String foreign = newClient();
        // The blocker goes to 1, the group to 2-3 (first), 4 (second), 5-6 (third). Another writer that
        // saw `first` stored would take 4 while the ordered batch is under way; this puts it there early.
        var other = notesFor(foreign, 0, 1);
        Runnable takePosition4 = () -> database.getCollection("event_commits", RawBsonDocument.class)
                .insertOne(CommitDocuments.commit(
                        4,
                        List.of(CommitDocuments.event(other.get(0), TestSerializer.xStreamSerializer())),
                        List.of(CommitDocuments.streamKey(foreign, 0)),
                        List.of(other.get(0).getIdentifier())));

        Lineup lineup = lineUp(
                engine, takePosition4, List.of(notesFor(first, 0, 2), notesFor(second, 0, 1), notesFor(third, 0, 2)));

        assertThat(lineup.outcomes()).containsOnlyNulls();
        assertThat(lineup.commitsPerInsert()).containsExactly(3, 2);
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactly(lineup.blocker(), first, first, foreign, second, third, third);
    }

    @Test
    void aGroupWhosePositionsAnotherInstanceTookMovesWholeToTheHead() throws Exception {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        MongoCommitStorageEngine otherInstance = TestStores.engineOn(
                        TestStores.client().getDatabase(database.getName()))
                .build();
        String elsewhere = newClient();
        String first = newClient();
        String second = newClient();

        Lineup lineup = lineUp(
                engine,
                () -> otherInstance.appendEvents(notesFor(elsewhere, 0, 2)),
                List.of(notesFor(first, 0, 1), notesFor(second, 0, 2)));

        assertThat(lineup.outcomes()).containsOnlyNulls();
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactly(elsewhere, elsewhere, lineup.blocker(), first, second, second);
    }

    @Test
    void aGroupOverTheByteBoundIsSplitAndEveryCommitIsStored() throws Exception {
        String padding = "x".repeat(10_000);
        int oneCommit = commitSize(notesWith(newClient(), padding));
        int bound = 3 * oneCommit + oneCommit / 2;
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).maxGroupBytes(bound).build();
        List<List<? extends EventMessage<?>>> commits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commits.add(notesWith(newClient(), padding));
        }
        commits.add(notesWith(newClient(), "y".repeat(5 * 10_000))); // larger than the bound: alone
        for (int i = 0; i < 4; i++) {
            commits.add(notesWith(newClient(), padding));
        }

        Lineup lineup = lineUp(engine, () -> {}, commits);

        assertThat(lineup.outcomes()).containsOnlyNulls();
        assertThat(lineup.commitsPerInsert()).containsExactly(3, 1, 1, 3, 1);
        assertThat(lineup.inserts())
                .allSatisfy(insert -> assertThat(insert.commits() == 1 || insert.bytes() <= bound)
                        .as("%s within %d bytes", insert, bound)
                        .isTrue());
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactlyElementsOf(lineup.aggregatesWithBlockerFirst(commits));
    }

    @Test
    void aGroupHoldsAtMostMaxGroupCommits() throws Exception {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).maxGroupCommits(4).build();
        List<List<? extends EventMessage<?>>> commits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            commits.add(notesFor(newClient(), 0, 1 + i % 3));
        }

        Lineup lineup = lineUp(engine, () -> {}, commits);

        assertThat(lineup.outcomes()).containsOnlyNulls();
        assertThat(lineup.commitsPerInsert()).containsExactly(4, 4, 2);
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactlyElementsOf(lineup.aggregatesWithBlockerFirst(commits));
    }

    @Test
    void withGroupCommitOffEveryCommitTakesARoundTripOfItsOwn() throws Exception {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).groupCommit(false).build();
        List<List<? extends EventMessage<?>>> commits =
                List.of(notesFor(newClient(), 0, 2), notesFor(newClient(), 0, 1), notesFor(newClient(), 0, 3));

        Lineup lineup = lineUp(engine, () -> {}, commits);

        assertThat(lineup.outcomes()).containsOnlyNulls();
        assertThat(lineup.commitsPerInsert()).containsExactly(1, 1, 1);
        assertThat(aggregatesInPositionOrder(engine))
                .containsExactlyElementsOf(lineup.aggregatesWithBlockerFirst(commits));
    }

    @Test
    void aGroupWhoseConnectionIsLostIsNotAcknowledgedAndLeavesWholeCommitsAtDensePositions() throws Exception {
        Duration oneWay = Duration.ofMillis(300);
        CommitInserts proxied = new CommitInserts();
        try (DelayingProxy proxy = DelayingProxy.start(TestMongo.address(), oneWay);
                MongoClient slowClient = MongoClients.create(MongoClientSettings.builder()
                        .applyConnectionString(new ConnectionString(TestMongo.connectionStringThrough(proxy)))
                        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS))
                        .addCommandListener(proxied)
                        .build())) {
            MongoCommitStorageEngine engine = TestStores.engineOn(slowClient.getDatabase(database.getName()))
                    .build();
            CommitInserts.Hold blockerHold = proxied.holdNext();
            Future<?> blocker = appenders.submit(() -> engine.appendEvents(notesFor(newClient(), 0, 1)));
            blockerHold.awaitReached();
            List<Future<?>> group = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                group.add(appenders.submit(() -> engine.appendEvents(notesFor(newClient(), 0, 2))));
                int queued = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> engine.commitsWaiting() == queued);
            }
            CommitInserts.Hold groupHold = proxied.holdNext();
            blockerHold.release();
            blocker.get(30, TimeUnit.SECONDS);
            groupHold.awaitReached();
            groupHold.release();
            Thread.sleep(oneWay.toMillis() + 100); // the request is at the server, the answer on its way back
            proxy.close();

            for (Future<?> member : group) {
                assertThat(outcome(member)).isInstanceOf(EventStoreException.class);
            }
        }
        assertThat(proxiedGroupSizes(proxied)).containsExactly(1, 3);

        List<Document> commits = database.getCollection("event_commits").find().into(new ArrayList<>());
        assertThat(commits)
                .allSatisfy(commit ->
                        assertThat(commit.getList("events", Document.class)).hasSize(commit.getInteger("n")));
        MongoCommitStorageEngine survivor = TestStores.engineOn(database).build();
        int events = commits.stream().mapToInt(c -> c.getInteger("n")).sum();
        assertThat(positionsFromTail(survivor)).hasSize(events).containsExactlyElementsOf(dense(events));
        survivor.appendEvents(notesFor(newClient(), 0, 1));
        assertThat(positionsFromTail(survivor)).containsExactlyElementsOf(dense(events + 1));
    }

    @Test
    void underSustainedLoadAGroupWaitsBrieflyForTheAppendersOfThePreviousOneAndHoldsNearlyAll() throws Exception {
        int writers = 8;
        CommitInserts proxied = new CommitInserts();
        TestStores.engineOn(database).build(); // the indexes, without round trips through the proxy
        try (DelayingProxy proxy = DelayingProxy.start(TestMongo.address(), Duration.ofMillis(10));
                MongoClient slowClient =
                        TestStores.listeningClient(TestMongo.connectionStringThrough(proxy), proxied)) {
            MongoCommitStorageEngine engine = TestStores.engineOn(slowClient.getDatabase(database.getName()))
                    .createIndexes(false)
                    .build();
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                loops.add(appenders.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        engine.appendEvents(notesFor(newClient(), 0, 1));
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
        }
        // Without waiting, the writers split into two cohorts taking turns: groups of writers / 2 on average.
        List<Integer> groups = proxied.commitsPerInsert();
        assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(writers * 25);
        assertThat(groups.stream().mapToInt(Integer::intValue).average().orElse(0))
                .as("commits per round trip in %s", groups)
                .isGreaterThan(writers * 0.65);
        assertThat(positionsFromTail(TestStores.engineOn(database).build()))
                .containsExactlyElementsOf(dense(writers * 25));
    }

    // ------------------------------------------------------------------ lining commits up

    /** What happened to the commits lined up behind the blocker (a one-event commit of its own stream). */
    private record Lineup(String blocker, List<Throwable> outcomes, List<CommitInserts.Insert> inserts) {
        List<Integer> commitsPerInsert() {
            return inserts.stream().map(CommitInserts.Insert::commits).toList();
        }

        List<String> aggregatesWithBlockerFirst(List<List<? extends EventMessage<?>>> commits) {
            List<String> aggregates = new ArrayList<>(List.of(blocker));
            commits.forEach(commit ->
                    commit.forEach(e -> aggregates.add(((DomainEventMessage<?>) e).getAggregateIdentifier())));
            return aggregates;
        }
    }

    @SafeVarargs
    private Lineup lineUp(MongoCommitStorageEngine engine, List<? extends EventMessage<?>>... commits)
            throws Exception {
        return lineUp(engine, () -> {}, List.of(commits));
    }

    /**
     * Holds the blocker's insert in flight, queues the commits one by one (so their order in the
     * queue is known), runs {@code whileHeld}, then lets everything go and waits for every outcome.
     * The inserts reported are those after the blocker's own.
     */
    private Lineup lineUp(
            MongoCommitStorageEngine engine,
            Runnable whileHeld,
            List<? extends List<? extends EventMessage<?>>> commits)
            throws Exception {
        String blocker = newClient();
        CommitInserts.Hold hold = inserts.holdNext();
        Future<?> first = appenders.submit(() -> engine.appendEvents(notesFor(blocker, 0, 1)));
        hold.awaitReached();
        List<Future<?>> futures = new ArrayList<>();
        for (List<? extends EventMessage<?>> commit : commits) {
            futures.add(appenders.submit(() -> engine.appendEvents(commit)));
            int queued = futures.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.commitsWaiting() == queued);
        }
        whileHeld.run();
        int before = inserts.all().size();
        hold.release();
        first.get(30, TimeUnit.SECONDS);
        List<Throwable> outcomes = new ArrayList<>();
        for (Future<?> future : futures) {
            outcomes.add(outcome(future));
        }
        List<CommitInserts.Insert> all = inserts.all();
        return new Lineup(blocker, outcomes, all.subList(before, all.size()));
    }

    private static Throwable outcome(Future<?> future) throws InterruptedException, TimeoutException {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static List<Integer> proxiedGroupSizes(CommitInserts watched) {
        return watched.all().stream().map(CommitInserts.Insert::commits).toList();
    }

    // ------------------------------------------------------------------ events and reads

    private static List<? extends EventMessage<?>> notesWith(String client, String text) {
        return List.of(new GenericDomainEventMessage<>("TreatmentRecord", client, 0, text));
    }

    private static int commitSize(List<? extends EventMessage<?>> events) {
        var serializer = TestSerializer.xStreamSerializer();
        List<RawBsonDocument> encoded =
                events.stream().map(e -> CommitDocuments.event(e, serializer)).toList();
        List<String> keys = events.stream()
                .map(e -> (DomainEventMessage<?>) e)
                .map(e -> CommitDocuments.streamKey(e.getAggregateIdentifier(), e.getSequenceNumber()))
                .toList();
        List<String> ids = events.stream().map(EventMessage::getIdentifier).toList();
        return CommitDocuments.commitSize(events.size(), CommitDocuments.commitBody(encoded, keys, ids));
    }

    private static DomainEventMessage<?> withIdentifierOf(DomainEventMessage<?> stored, String otherClient) {
        return new GenericDomainEventMessage<>(
                "TreatmentRecord",
                otherClient,
                4,
                "same id",
                stored.getMetaData(),
                stored.getIdentifier(),
                stored.getTimestamp());
    }

    private static List<String> aggregatesInPositionOrder(MongoCommitStorageEngine engine) {
        List<? extends TrackedEventMessage<?>> all =
                engine.readEvents(engine.createTailToken(), false).toList();
        assertThat(all.stream().map(e -> e.trackingToken().position().getAsLong()))
                .as("dense positions from 1")
                .containsExactlyElementsOf(dense(all.size()));
        return all.stream()
                .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .toList();
    }

    private static List<Long> positionsFromTail(MongoCommitStorageEngine engine) {
        return engine.readEvents(engine.createTailToken(), false)
                .map(e -> e.trackingToken().position().getAsLong())
                .toList();
    }

    private static List<Long> dense(int count) {
        List<Long> positions = new ArrayList<>();
        for (long p = 1; p <= count; p++) {
            positions.add(p);
        }
        return positions;
    }
}
