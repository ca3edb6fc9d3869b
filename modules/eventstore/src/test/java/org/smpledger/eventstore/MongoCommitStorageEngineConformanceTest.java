package org.smpledger.eventstore;

import com.mongodb.client.MongoDatabase;
import java.util.function.UnaryOperator;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Axon's own conformance suite for batching storage engines (axon-eventsourcing 4.13 tests jar),
 * run unchanged against this engine on TestMongo. Every inherited test runs; none is excluded.
 */
class MongoCommitStorageEngineConformanceTest
        extends BatchingEventStorageEngineTest<MongoCommitStorageEngine, MongoCommitStorageEngine.Builder> {

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestStores.freshDatabase("conformance");
        setTestSubject(createEngine());
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    @Override
    protected MongoCommitStorageEngine createEngine(UnaryOperator<MongoCommitStorageEngine.Builder> customization) {
        return customization.apply(TestStores.engineOn(database)).build();
    }
}
