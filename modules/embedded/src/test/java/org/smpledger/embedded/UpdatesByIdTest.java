package org.smpledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conditional writes by {@code _id} on both backends, with the outcomes MongoDB gives. */
class UpdatesByIdTest {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    @TempDir
    static Path dataDir;

    static Stream<Function<Path, EmbeddedMongoServer>> servers() {
        return Stream.of(
                dir -> EmbeddedMongoServer.inMemory(),
                dir -> EmbeddedMongoServer.fileBacked(dir.resolve("h2-" + System.nanoTime()), "127.0.0.1", 0));
    }

    /** A server and a client of it, closed together. */
    private record Store(EmbeddedMongoServer server, MongoClient client) implements AutoCloseable {
        static Store open(EmbeddedMongoServer server) {
            return new Store(server, MongoClients.create(server.connectionString()));
        }

        MongoCollection<Document> collection(String name) {
            return client.getDatabase("fenced").getCollection(name);
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    /** The record if stored from no further on than {@code position}. */
    private static Document notFurtherThan(String id, long position) {
        return new Document("_id", id).append("position", new Document("$not", new Document("$gt", position)));
    }

    private static Document record(String id, long position, String what) {
        return new Document("_id", id).append("position", position).append("what", what);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aConditionalReplaceByIdReplacesWhatMatchesAndRefusesAnUpsertOverWhatDoesNot(
            Function<Path, EmbeddedMongoServer> start) {
        try (Store store = Store.open(start.apply(dataDir))) {
            MongoCollection<Document> records = store.collection("records");
            records.insertOne(record("a", 10, "from 10"));

            assertThat(records.replaceOne(notFurtherThan("a", 12), record("a", 12, "from 12"))
                            .getMatchedCount())
                    .isEqualTo(1);
            assertThat(records.replaceOne(notFurtherThan("a", 11), record("a", 11, "from 11"))
                            .getMatchedCount())
                    .as("without upsert: nothing matched, nothing written")
                    .isZero();
            assertThatThrownBy(() -> records.replaceOne(notFurtherThan("a", 9), record("a", 9, "from 9"), UPSERT))
                    .as("with upsert: MongoDB tries to insert the _id, which exists")
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode()))
                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY));
            records.replaceOne(notFurtherThan("b", 5), record("b", 5, "new"), UPSERT);

            assertThat(records.find(new Document("_id", "a")).first()).isEqualTo(record("a", 12, "from 12"));
            assertThat(records.find(new Document("_id", "b")).first()).isEqualTo(record("b", 5, "new"));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anUnorderedBulkWriteReportsEachRefusalAtItsIndexAndWritesTheRest(Function<Path, EmbeddedMongoServer> start) {
        try (Store store = Store.open(start.apply(dataDir))) {
            MongoCollection<Document> records = store.collection("records");
            records.insertOne(record("a", 10, "from 10"));
            records.insertOne(record("c", 10, "from 10"));
            List<WriteModel<Document>> writes = List.of(
                    new ReplaceOneModel<>(notFurtherThan("a", 8), record("a", 8, "stale"), UPSERT),
                    new ReplaceOneModel<>(notFurtherThan("b", 8), record("b", 8, "new"), UPSERT),
                    new ReplaceOneModel<>(new Document("_id", "c"), record("c", 7, "unconditional"), UPSERT),
                    new ReplaceOneModel<>(notFurtherThan("a", 8), record("a", 8, "stale again"), UPSERT));

            assertThatThrownBy(() -> records.bulkWrite(writes, new BulkWriteOptions().ordered(false)))
                    .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                        assertThat(e.getWriteErrors())
                                .extracting(error -> error.getIndex(), error -> error.getCode())
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(0, 11000),
                                        org.assertj.core.groups.Tuple.tuple(3, 11000));
                        BulkWriteResult result = e.getWriteResult();
                        assertThat(result.getUpserts())
                                .extracting(upsert -> upsert.getIndex())
                                .containsExactly(1);
                        assertThat(result.getMatchedCount()).isEqualTo(1);
                    });
            assertThat(records.find(new Document("_id", "a")).first()).isEqualTo(record("a", 10, "from 10"));
            assertThat(records.find(new Document("_id", "b")).first()).isEqualTo(record("b", 8, "new"));
            assertThat(records.find(new Document("_id", "c")).first()).isEqualTo(record("c", 7, "unconditional"));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void concurrentConditionalReplacesLeaveTheFurthestRecord(Function<Path, EmbeddedMongoServer> start)
            throws Exception {
        try (Store store = Store.open(start.apply(dataDir))) {
            MongoCollection<Document> records = store.collection("records");
            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    int first = writer;
                    done.add(writers.submit(() -> {
                        // each writer its own positions, interleaved with the others'
                        for (long position = first; position < 400; position += 8) {
                            try {
                                records.replaceOne(
                                        notFurtherThan("a", position), record("a", position, "w" + first), UPSERT);
                            } catch (MongoWriteException refused) {
                                assertThat(ErrorCategory.fromErrorCode(refused.getCode()))
                                        .isEqualTo(ErrorCategory.DUPLICATE_KEY);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get();
                }
            } finally {
                writers.shutdownNow();
            }
            assertThat(records.find(new Document("_id", "a")).first().getLong("position"))
                    .isEqualTo(399L);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anUpsertKeepsTheEqualitiesOfItsFilterInTheDocumentItInserts(Function<Path, EmbeddedMongoServer> start) {
        try (Store store = Store.open(start.apply(dataDir))) {
            MongoCollection<Document> replays = store.collection("replays");
            replays.updateOne(
                    new Document("_id", "timeline").append("state", "RUNNING"),
                    new Document("$set", new Document("done", 3)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));

            assertThat(replays.find(new Document("_id", "timeline")).first())
                    .isEqualTo(new Document("_id", "timeline")
                            .append("state", "RUNNING")
                            .append("done", 3));
        }
    }
}
