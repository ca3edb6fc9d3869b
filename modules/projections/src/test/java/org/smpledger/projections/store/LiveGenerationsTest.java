package org.smpledger.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/** Reads of many records keep {@link LiveGenerations#byId}'s promise across a replay's switch. */
class LiveGenerationsTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("live_generations"));
    private final Generation old = new Generation("overview", 1);
    private final Generation rebuilt = old.next();

    public record Line(@BsonId String id, int sessions) {}

    private static final ReadModel<Line> LINES = new ReadModel<>("lines", Line.class, Line::id);

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    /** Generations as an instance sees them: {@code cached} from its last pointer read, {@code store} now. */
    private LiveGenerations seeing(Generation cached, Generation store, AtomicInteger confirmations) {
        return new LiveGenerations() {
            @Override
            public Generation live(String projection) {
                return cached;
            }

            @Override
            public Generation confirmedLive(String projection) {
                confirmations.incrementAndGet();
                return store;
            }

            @Override
            public MongoDatabase database() {
                return database;
            }
        };
    }

    private List<String> store(Generation generation, int from, int to) {
        List<String> ids = new ArrayList<>();
        ReadModelBatch batch = new ReadModelBatch(database, generation);
        for (int i = from; i < to; i++) {
            String id = String.format("client-%03d", i);
            ids.add(id);
            batch.saveNew(LINES, new Line(id, i % 3));
        }
        batch.flush();
        return ids;
    }

    @Test
    void recordsAreAnsweredInTheOrderAskedEachOnceByChunksOfAHundred() {
        List<String> ids = store(old, 0, 250);
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        List<String> asked = new ArrayList<>(reversed);
        asked.add(ids.get(0));
        asked.add("client-unknown");
        AtomicInteger confirmations = new AtomicInteger();

        Map<String, Line> found = seeing(old, old, confirmations).byIds("overview", LINES, asked);

        assertThat(found.keySet()).containsExactlyElementsOf(reversed);
        assertThat(found.get("client-007")).isEqualTo(new Line("client-007", 1));
        assertThat(confirmations)
                .as("an id not found: the store asked once which generation is live")
                .hasValue(1);
    }

    @Test
    void aReadThatOutlivedTheOldGenerationFindsEveryRecordInTheNewOne() {
        // the old generation dropped after the read's first chunk: its records are only in the rebuilt one now
        List<String> ids = store(rebuilt, 0, 250);
        store(old, 0, 100);
        database.getCollection(old.collection("lines")).deleteOne(new Document("_id", "client-042"));
        AtomicInteger confirmations = new AtomicInteger();

        Map<String, Line> found = seeing(old, rebuilt, confirmations).byIds("overview", LINES, ids);

        assertThat(found.keySet()).containsExactlyElementsOf(ids);
        assertThat(confirmations).hasValue(1);
    }

    @Test
    void nothingMissingAsksTheStoreNothing() {
        List<String> ids = store(old, 0, 30);
        AtomicInteger confirmations = new AtomicInteger();

        assertThat(seeing(old, rebuilt, confirmations).byIds("overview", LINES, ids))
                .hasSize(30);
        assertThat(confirmations).hasValue(0);
    }
}
