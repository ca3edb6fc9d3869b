package org.smpledger.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

class ReadModelBatchTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("read_model_batch"));
    private final Generation generation = new Generation("timeline", 1);

    /** A per-client record as the projections store them. */
    public record Client(@BsonId String id, long lastSequence) {}

    private static final ReadModel<Client> TIMELINE = new ReadModel<>("timeline", Client.class, Client::id);

    /** A shared record whose fields are set one at a time, as a clinic's policies are. */
    public record Clinic(@BsonId String id, Map<String, Policy> policies) {}

    public record Policy(int version, String label) {}

    private static final ReadModel<Clinic> CLINICS = new ReadModel<>("clinics", Clinic.class, Clinic::id);

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void aClientTimelineFirstSeenInABatchIsStoredAsTheBatchLeftIt() {
        ReadModelBatch batch = new ReadModelBatch(database, generation);
        batch.prefetch(List.of(TIMELINE.key("client-1")));
        assertThat(batch.find(TIMELINE, "client-1")).isNull();
        batch.save(TIMELINE, new Client("client-1", 0L));
        batch.save(TIMELINE, new Client("client-1", 1L));
        batch.flush();

        assertThat(stored("client-1")).isEqualTo(new Document("_id", "client-1").append("lastSequence", 1L));
    }

    @Test
    void aRecordReadBackHoldsTheFieldsTheBatchesSetInItAsTheStoreWillOnceTheyAreWritten() {
        ReadModelBatch first = new ReadModelBatch(database, generation);
        first.set(CLINICS, "clinic-1", "policies.v1", new Policy(1, "fortnight"));
        first.flush();
        ReadModelBatch writing = new ReadModelBatch(database, generation);
        writing.set(CLINICS, "clinic-1", "policies.v2", new Policy(2, "three weeks"));
        // a batch that follows one still on its way sees that one's fields too
        ReadModelBatch next = new ReadModelBatch(database, generation, writing, 0);
        next.set(CLINICS, "clinic-1", "policies.v3", new Policy(3, "a month"));
        next.set(CLINICS, "clinic-2", "policies.v1", new Policy(1, "defaults"));

        assertThat(next.find(CLINICS, "clinic-1"))
                .isEqualTo(new Clinic(
                        "clinic-1",
                        Map.of(
                                "v1", new Policy(1, "fortnight"),
                                "v2", new Policy(2, "three weeks"),
                                "v3", new Policy(3, "a month"))));
        assertThat(next.find(CLINICS, "clinic-2"))
                .as("a record only set, never stored")
                .isEqualTo(new Clinic("clinic-2", Map.of("v1", new Policy(1, "defaults"))));
        assertThat(first.find(CLINICS, "clinic-3")).isNull();
    }

    @Test
    void aRecordSavedAsNewThatExistsAfterAllIsReplacedNotRefused() {
        ReadModelBatch first = new ReadModelBatch(database, generation);
        first.saveNew(TIMELINE, new Client("client-4", 0L));
        first.saveNew(TIMELINE, new Client("client-5", 0L));
        first.flush();
        // the same events again (a crash before the token moved): the records are there already
        ReadModelBatch again = new ReadModelBatch(database, generation);
        again.saveNew(TIMELINE, new Client("client-4", 1L));
        again.saveNew(TIMELINE, new Client("client-6", 0L));
        again.flush();

        assertThat(stored("client-4")).isEqualTo(new Document("_id", "client-4").append("lastSequence", 1L));
        assertThat(stored("client-5")).isEqualTo(new Document("_id", "client-5").append("lastSequence", 0L));
        assertThat(stored("client-6")).isEqualTo(new Document("_id", "client-6").append("lastSequence", 0L));
    }

    @Test
    void aTimelineAnotherProcessorStoredMeanwhileIsReplacedNotRefused() {
        ReadModelBatch slow = new ReadModelBatch(database, generation);
        ReadModelBatch fast = new ReadModelBatch(database, generation);
        for (ReadModelBatch batch : List.of(slow, fast)) {
            assertThat(batch.find(TIMELINE, "client-2")).isNull();
        }
        fast.save(TIMELINE, new Client("client-2", 4L));
        fast.flush();
        slow.save(TIMELINE, new Client("client-3", 0L));
        slow.save(TIMELINE, new Client("client-2", 5L));
        slow.flush();

        assertThat(stored("client-2")).isEqualTo(new Document("_id", "client-2").append("lastSequence", 5L));
        assertThat(stored("client-3")).isEqualTo(new Document("_id", "client-3").append("lastSequence", 0L));
    }

    @Test
    void aBatchFromEarlierEventsLandingAfterOneFromLaterEventsLeavesTheLaterRecords() {
        // an instance cut off from the store: its batch up to position 40 arrives after another
        // instance took the segment over and wrote the same clients from events up to position 55
        ReadModelBatch later = new ReadModelBatch(database, generation, null, 55);
        later.save(TIMELINE, new Client("client-7", 3L));
        later.saveNew(TIMELINE, new Client("client-8", 2L));
        later.flush();
        ReadModelBatch stale = new ReadModelBatch(database, generation, null, 40);
        stale.save(TIMELINE, new Client("client-7", 1L)); // read before the other instance wrote
        stale.saveNew(TIMELINE, new Client("client-8", 0L)); // inserted: refused as a duplicate
        stale.saveNew(TIMELINE, new Client("client-9", 0L)); // new to both: written
        stale.flush();

        assertThat(stored("client-7")).isEqualTo(record("client-7", 3L, 55));
        assertThat(stored("client-8")).isEqualTo(record("client-8", 2L, 55));
        assertThat(stored("client-9")).isEqualTo(record("client-9", 0L, 40));
        assertThat(stale.find(TIMELINE, "client-7"))
                .as("the stale batch's own view (what a batch following it would take)")
                .isEqualTo(new Client("client-7", 1L));
        assertThat(new ReadModelBatch(database, generation).find(TIMELINE, "client-7"))
                .as("read back: the position is not part of the record")
                .isEqualTo(new Client("client-7", 3L));
    }

    @Test
    void aBatchFromTheSameOrLaterEventsReplacesTheRecord() {
        ReadModelBatch first = new ReadModelBatch(database, generation, null, 10);
        first.save(TIMELINE, new Client("client-10", 1L));
        first.flush();
        ReadModelBatch again = new ReadModelBatch(database, generation, null, 10);
        again.saveNew(TIMELINE, new Client("client-10", 1L)); // the same batch delivered again
        again.flush();
        assertThat(stored("client-10")).isEqualTo(record("client-10", 1L, 10));
        ReadModelBatch next = new ReadModelBatch(database, generation, null, 11);
        next.save(TIMELINE, new Client("client-10", 2L));
        next.flush();
        assertThat(stored("client-10")).isEqualTo(record("client-10", 2L, 11));
    }

    private static Document record(String clientId, long lastSequence, long position) {
        return new Document("_id", clientId)
                .append("lastSequence", lastSequence)
                .append(ReadModelBatch.POSITION, position);
    }

    private Document stored(String clientId) {
        return database.getCollection(generation.collection("timeline"))
                .find(new Document("_id", clientId))
                .first();
    }
}
