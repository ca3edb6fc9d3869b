package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.eventstore.Events.newClient;
import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/**
 * The engine's raw commits: one message per commit, the document as stored, the token of its last
 * position; read by the engine's own tracking reader, sharing its recent reads.
 */
class RawCommitSourceTest {

    /** The lowest position each find of commits asked for ({@code _id $in} or {@code pos}). */
    private final List<Long> commitFinds = new CopyOnWriteArrayList<>();

    private final MongoClient client = TestStores.listeningClient(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                    && "event_commits"
                            .equals(event.getCommand().getString("find").getValue())) {
                BsonDocument filter = event.getCommand().getDocument("filter");
                long lowest = Long.MAX_VALUE;
                if (filter.isDocument("_id") && filter.getDocument("_id").isArray("$in")) {
                    for (BsonValue position : filter.getDocument("_id").getArray("$in")) {
                        lowest = Math.min(lowest, position.asNumber().longValue());
                    }
                } else if (filter.isNumber("pos")) {
                    lowest = filter.getNumber("pos").longValue();
                } else {
                    lowest = 0;
                }
                commitFinds.add(lowest);
            }
        }
    });
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("raw_commits"));
    private final MongoCommitStorageEngine engine =
            TestStores.engineOn(database).trackingBatchSize(8).build();

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    @Test
    void everyCommitOnceInOrderAsStoredWithTheTokenOfItsLastPosition() throws Exception {
        int[] sizes = {3, 1, 2, 3, 1, 1, 2, 3, 2, 1, 3, 3};
        for (int size : sizes) {
            engine.appendEvents(notesFor(newClient(), 0, size));
        }
        RawCommitSource source = engine.rawCommits();
        List<TrackedEventMessage<?>> read = readAll(source, source.createTailToken());

        List<RawBsonDocument> stored = database.getCollection("event_commits", RawBsonDocument.class)
                .find()
                .sort(new org.bson.Document("_id", 1))
                .into(new ArrayList<>());
        assertThat(read).hasSize(sizes.length);
        long end = 0;
        for (int i = 0; i < sizes.length; i++) {
            end += sizes[i];
            assertThat(read.get(i).getPayload()).isEqualTo(stored.get(i));
            assertThat(read.get(i).trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(end));
        }
        assertThat(source.createTailToken()).isEqualTo(engine.createTailToken());
        assertThat(source.createHeadToken()).isEqualTo(engine.createHeadToken());
        assertThat(source.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(end));
    }

    @Test
    void aTokenInsideACommitStartsWithTheWholeCommitHoldingTheNextPosition() throws Exception {
        engine.appendEvents(notesFor(newClient(), 0, 3)); // 1-3
        engine.appendEvents(notesFor(newClient(), 0, 3)); // 4-6
        engine.appendEvents(notesFor(newClient(), 0, 2)); // 7-8
        // another engine on the same store knows no commit end: a token inside a commit is found by {pos: 5}
        MongoCommitStorageEngine restarted = TestStores.engineOn(database).build();
        RawCommitSource source = restarted.rawCommits();

        List<TrackedEventMessage<?>> read = readAll(source, new GlobalSequenceTrackingToken(4));

        assertThat(read)
                .extracting(m -> m.trackingToken().position().getAsLong())
                .containsExactly(6L, 8L);
        assertThat(((RawBsonDocument) read.get(0).getPayload()).getInt64("_id").getValue())
                .isEqualTo(4);
    }

    @Test
    void commitsTheEventStreamReadAreNotAskedOfTheStoreAgain() throws Exception {
        RawCommitSource source = engine.rawCommits();
        for (int i = 0; i < 20; i++) {
            engine.appendEvents(notesFor(newClient(), 0, 1 + i % 3));
        }
        long head = engine.createHeadToken().position().orElseThrow();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(engine.createTailToken(), false)) {
            assertThat(events.count()).isEqualTo(head);
        }
        int before = commitFinds.size();

        List<TrackedEventMessage<?>> read = readAll(source, source.createTailToken());

        assertThat(read.get(read.size() - 1).trackingToken().position()).hasValue(head);
        // at most a look past the head (a window read ahead), never a commit read before
        assertThat(commitFinds.subList(before, commitFinds.size()))
                .as("lowest positions asked by the raw stream's finds")
                .allMatch(lowest -> lowest > head);
    }

    @Test
    void aStreamAtTheHeadTakesACommitThisEngineStoresAtOnce() throws Exception {
        RawCommitSource source = engine.rawCommits(Duration.ofHours(1));
        engine.appendEvents(notesFor(newClient(), 0, 2));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken())) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();

            engine.appendEvents(notesFor(newClient(), 0, 3));

            // far sooner than the hour of polling: the engine knows it stored a commit past the stream
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(5));
        }
    }

    @Test
    void aCommitOfAnotherWriterIsFoundByPolling() throws Exception {
        RawCommitSource source = engine.rawCommits(Duration.ofMillis(100));
        MongoCommitStorageEngine otherInstance = TestStores.engineOn(database).build();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken())) {
            assertThat(stream.hasNextAvailable(150, TimeUnit.MILLISECONDS)).isFalse();
            otherInstance.appendEvents(notesFor(newClient(), 0, 2));
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
        }
    }

    private static List<TrackedEventMessage<?>> readAll(
            RawCommitSource source, org.axonframework.eventhandling.TrackingToken from) throws InterruptedException {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from)) {
            while (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                read.add(stream.nextAvailable());
            }
        }
        return read;
    }
}
