package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smpledger.eventstore.Events.newClient;
import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Processor reads come in windows of {@code trackingBatchSize} positions; a stream that is behind
 * has its next window fetched in the background while the current one is handled.
 */
class TrackingReadAheadTest {

    private final AtomicInteger commitFinds = new AtomicInteger();
    /** Positions asked for by each window query ({@code _id $in}). */
    private final List<Integer> windows = new CopyOnWriteArrayList<>();

    private final MongoClient client = TestStores.listeningClient(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                    && "event_commits"
                            .equals(event.getCommand().getString("find").getValue())) {
                commitFinds.incrementAndGet();
                BsonDocument filter = event.getCommand().getDocument("filter");
                if (filter.containsKey("_id") && filter.get("_id").isDocument()) {
                    windows.add(filter.getDocument("_id").getArray("$in").size());
                }
            }
        }
    });
    private final MongoDatabase database =
            client.getDatabase(org.smpledger.embedded.testing.TestMongo.freshDatabaseName("readahead"));

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    @Test
    void aStreamThatIsBehindReadsEveryWindowInPositionOrder() {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).trackingBatchSize(7).build();
        for (int i = 0; i < 10; i++) {
            engine.appendEvents(notesFor(newClient(), 0, 5));
        }

        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createTailToken(), false)) {
            assertThat(stream.map(e -> e.trackingToken().position().getAsLong()).toList())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 50).boxed().toList());
        }
    }

    @Test
    void theNextWindowIsFetchedBeforeTheReaderAsksForIt() {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).trackingBatchSize(5).build();
        for (int i = 0; i < 4; i++) {
            engine.appendEvents(notesFor(newClient(), 0, 5));
        }
        commitFinds.set(0);

        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createTailToken(), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            assertThat(events.next().trackingToken().position()).hasValue(1L);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(commitFinds.get()).isEqualTo(2));
        }
    }

    @Test
    void withoutReadAheadOnlyTheWindowBeingHandledIsFetched() throws InterruptedException {
        MongoCommitStorageEngine engine = TestStores.engineOn(database)
                .trackingBatchSize(5)
                .readAhead(false)
                .build();
        for (int i = 0; i < 4; i++) {
            engine.appendEvents(notesFor(newClient(), 0, 5));
        }
        commitFinds.set(0);

        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createTailToken(), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            events.next();
            Thread.sleep(300);
            assertThat(commitFinds.get()).isEqualTo(1);
            List<Long> rest = new ArrayList<>();
            events.forEachRemaining(e -> rest.add(e.trackingToken().position().getAsLong()));
            assertThat(rest)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, 20).boxed().toList());
        }
    }

    @Test
    void aStreamThatRanDryDeliversEventsAppendedLater() {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).trackingBatchSize(5).build();
        engine.appendEvents(notesFor(newClient(), 0, 5));
        engine.appendEvents(notesFor(newClient(), 0, 5));

        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createTailToken(), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            TrackingToken last = null;
            while (events.hasNext()) {
                last = events.next().trackingToken();
            }
            assertThat(last.position()).hasValue(10L);

            engine.appendEvents(notesFor(newClient(), 0, 3));

            assertThat(events.hasNext()).isTrue();
            List<Long> later = new ArrayList<>();
            events.forEachRemaining(e -> later.add(e.trackingToken().position().getAsLong()));
            assertThat(later).containsExactly(11L, 12L, 13L);
        }
    }

    @Test
    void aReaderPollingAtTheHeadSendsOneQueryPerPoll() {
        MongoCommitStorageEngine engine =
                TestStores.engineOn(database).trackingBatchSize(5).build();
        engine.appendEvents(notesFor(newClient(), 0, 3));

        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(engine.createTailToken(), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                events.next();
            }
            commitFinds.set(0);
            assertThat(events.hasNext()).isFalse();
            assertThat(commitFinds.get()).isEqualTo(1);
        }
    }

    @Test
    void aReaderAtTheHeadPollsASmallWindowNotAFullBatch() {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build(); // tracking batch 1000
        for (int i = 0; i < 5; i++) {
            engine.appendEvents(notesFor(newClient(), 0, 2));
        }
        windows.clear();

        assertThat(engine.readEvents(new GlobalSequenceTrackingToken(10), false).toList())
                .isEmpty();
        assertThat(engine.readEvents(engine.createTailToken(), false).toList()).hasSize(10);

        int head = MongoCommitStorageEngine.HEAD_WINDOW;
        // at the head: one small poll; from the tail: the ten known positions plus the head window, then
        // one more poll at the head, which finds nothing
        assertThat(windows).containsExactly(head, 10 + head, head);
    }

    @Test
    void aReaderBehindWhatItsInstanceKnowsGrowsItsWindowsUpToTheTrackingBatchSize() {
        MongoCommitStorageEngine writer = TestStores.engineOn(database).build();
        for (int i = 0; i < 250; i++) {
            writer.appendEvents(notesFor(newClient(), 0, 10));
        }
        MongoCommitStorageEngine freshInstance = TestStores.engineOn(database)
                .readAhead(false)
                .createIndexes(false)
                .build(); // knows nothing of the 2,500 events yet
        windows.clear();

        try (Stream<? extends TrackedEventMessage<?>> stream =
                freshInstance.readEvents(freshInstance.createTailToken(), false)) {
            assertThat(stream.map(e -> e.trackingToken().position().getAsLong()).toList())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 2500).boxed().toList());
        }
        int head = MongoCommitStorageEngine.HEAD_WINDOW;
        assertThat(windows).containsExactly(head, 4 * head, 1000, 1000, 1000, head);
    }
}
