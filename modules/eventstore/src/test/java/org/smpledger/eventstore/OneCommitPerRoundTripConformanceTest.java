package org.smpledger.eventstore;

import java.util.function.UnaryOperator;

/** Axon's conformance suite again, with group commit off (one commit per round trip, the benchmark's baseline). */
class OneCommitPerRoundTripConformanceTest extends MongoCommitStorageEngineConformanceTest {

    @Override
    protected MongoCommitStorageEngine createEngine(UnaryOperator<MongoCommitStorageEngine.Builder> customization) {
        return super.createEngine(builder -> customization.apply(builder).groupCommit(false));
    }
}
