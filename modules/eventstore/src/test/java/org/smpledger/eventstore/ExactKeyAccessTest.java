package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.eventstore.Events.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guards the flat-cost and append-only properties by what the engine sends to MongoDB: hot-path
 * reads filter by one indexed key, matched by a plain value or {@code $in} of plain values, and
 * the commits collection only ever receives inserts.
 */
class ExactKeyAccessTest {

    private static final String COMMITS = "event_commits";
    private static final Set<String> UNIQUE_KEYS = Set.of("_id", "pos", "keys", "ids");

    /** A command as sent; copied at once, the driver reuses the buffer behind the event. */
    private record Sent(String getCommandName, BsonDocument getCommand) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final MongoClient client = TestStores.listeningClient(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            sent.add(new Sent(event.getCommandName(), event.getCommand().clone()));
        }
    });
    private final MongoDatabase database =
            client.getDatabase(org.smpledger.embedded.testing.TestMongo.freshDatabaseName("exact"));
    private final MongoCommitStorageEngine engine =
            TestStores.engineOn(database).batchSize(10).trackingBatchSize(10).build();

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    @Test
    void aggregateLoadsSnapshotLoadsAndProcessorBatchesUseOnlyExactKeyFilters() {
        String client = newClient();
        engine.appendEvents(notesFor(client, 0, 3));
        engine.appendEvents(notesFor(newClient(), 0, 1));
        engine.appendEvents(notesFor(client, 3, 15));
        engine.storeSnapshot(noteFor(client, 5));
        sent.clear();

        assertThat(engine.readEvents(client).asStream()).hasSize(18);
        assertThat(engine.readSnapshot(client)).isPresent();
        assertThat(engine.lastSequenceNumberFor(client)).hasValue(17L);
        TrackingToken token = engine.createTailToken();
        int read = 0;
        for (int i = 0; i < 5; i++) {
            var batch = engine.readEvents(token, false).limit(7).toList(); // stops inside commits on purpose
            if (batch.isEmpty()) {
                break;
            }
            read += batch.size();
            token = batch.get(batch.size() - 1).trackingToken();
        }
        assertThat(read).isEqualTo(19);
        assertThat(engine.createHeadToken().position()).hasValue(19L);

        List<BsonDocument> filters = sent.stream()
                .filter(e -> e.getCommandName().equals("find"))
                .map(e -> e.getCommand().getDocument("filter"))
                .toList();
        assertThat(filters)
                .isNotEmpty()
                .allSatisfy(filter -> assertThat(isExactKey(filter))
                        .as("exact-key filter: %s", filter.toJson())
                        .isTrue());
        assertThat(filters.stream().map(f -> f.getFirstKey()).collect(Collectors.toSet()))
                .contains("_id", "keys", "pos");
        assertThat(sent).extracting(Sent::getCommandName).isSubsetOf("find", "getMore");
    }

    @Test
    void theEngineNeverUpdatesOrDeletesStoredCommits() {
        String client = newClient();
        engine.appendEvents(notesFor(client, 0, 4));
        engine.appendEvents(notesFor(newClient(), 0, 2));
        Map<Object, RawBsonDocument> before = storedCommits();

        engine.appendEvents(notesFor(client, 4, 2));
        engine.storeSnapshot(noteFor(client, 3));
        engine.storeSnapshot(noteFor(client, 5));
        engine.readEvents(client).asStream().count();
        engine.readEvents(engine.createTailToken(), false).count();
        try {
            engine.appendEvents(notesFor(client, 5, 1)); // conflict path
        } catch (RuntimeException expected) {
            // ConcurrencyException, asserted elsewhere
        }

        Map<Object, RawBsonDocument> after = storedCommits();
        before.forEach(
                (id, document) -> assertThat(after.get(id)).as("commit %s", id).isEqualTo(document));
        assertThat(after).hasSize(before.size() + 1);
        Set<String> commandsOnCommits = sent.stream()
                .filter(e -> COMMITS.equals(collectionOf(e)))
                .map(Sent::getCommandName)
                .collect(Collectors.toSet());
        assertThat(commandsOnCommits).isSubsetOf("insert", "find", "getMore", "createIndexes");
    }

    private Map<Object, RawBsonDocument> storedCommits() {
        List<RawBsonDocument> all =
                database.getCollection(COMMITS, RawBsonDocument.class).find().into(new ArrayList<>());
        return all.stream().collect(Collectors.toMap(d -> d.get("_id"), d -> d));
    }

    private static String collectionOf(Sent event) {
        BsonValue value = event.getCommand().get(event.getCommandName());
        if (event.getCommandName().equals("getMore")) {
            value = event.getCommand().get("collection");
        }
        return value != null && value.isString() ? value.asString().getValue() : null;
    }

    /** {key: plainValue} or {key: {$in: [plainValues]}}, key being one of the unique indexes. */
    private static boolean isExactKey(BsonDocument filter) {
        if (filter.size() != 1 || !UNIQUE_KEYS.contains(filter.getFirstKey())) {
            return false;
        }
        BsonValue value = filter.get(filter.getFirstKey());
        if (!value.isDocument()) {
            return !value.isArray();
        }
        BsonDocument operator = value.asDocument();
        return operator.size() == 1
                && operator.containsKey("$in")
                && operator.get("$in").isArray()
                && operator.getArray("$in").stream().noneMatch(v -> v.isDocument() || v.isArray());
    }
}
