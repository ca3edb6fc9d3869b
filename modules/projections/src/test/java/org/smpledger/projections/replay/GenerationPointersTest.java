package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelCodecs;

class GenerationPointersTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("pointers"));
    private final GenerationPointers pointers = new MongoGenerationPointers(database);

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void aProjectionSeenForTheFirstTimeHasGenerationOneLiveAndNothingBeingRebuilt() {
        assertThat(pointers.pointer("timeline"))
                .isEqualTo(new GenerationPointer("timeline", 1, null, 1, ReadModelCodecs.FORMAT, null, null));
        assertThat(pointers.pointer("timeline"))
                .isEqualTo(new GenerationPointer("timeline", 1, null, 1, ReadModelCodecs.FORMAT, null, null));
    }

    @Test
    void rebuiltGenerationsGetNumbersNeverGivenOutBeforeEvenWhenARebuildWasAbandoned() {
        assertThat(pointers.reserveNext("risk")).isEqualTo(new Generation("risk", 2));
        assertThat(pointers.pointer("risk"))
                .isEqualTo(new GenerationPointer("risk", 1, 2, 2, ReadModelCodecs.FORMAT, null, null));

        pointers.abandonBuilding("risk");
        assertThat(pointers.pointer("risk"))
                .isEqualTo(new GenerationPointer("risk", 1, null, 2, ReadModelCodecs.FORMAT, null, null));
        assertThat(pointers.reserveNext("risk")).isEqualTo(new Generation("risk", 3));

        pointers.makeLive(new Generation("risk", 3));
        assertThat(pointers.pointer("risk"))
                .isEqualTo(new GenerationPointer("risk", 3, null, 3, ReadModelCodecs.FORMAT, null, null));
        assertThat(pointers.reserveNext("risk")).isEqualTo(new Generation("risk", 4));
        assertThat(pointers.pointer("timeline").live()).isEqualTo(1);
    }

    @Test
    void twoInstancesReservingAtOnceNeverGetTheSameNumber() throws Exception {
        List<GenerationPointers> instances = List.of(pointers, new MongoGenerationPointers(database));
        instances.get(0).pointer("overview");
        Set<Integer> numbers = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (GenerationPointers instance : instances) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        numbers.add(instance.reserveNext("overview").number());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(numbers).hasSize(50).allSatisfy(n -> assertThat(n).isBetween(2, 51));
        assertThat(pointers.pointer("overview").highest()).isEqualTo(51);
    }

    @Test
    void ofTwoInstancesStartingARebuildSwitchingOrDroppingAtOnceExactlyOneWins() {
        GenerationPointers other = new MongoGenerationPointers(database);
        pointers.pointer("timeline");
        assertThat(pointers.startBuilding("timeline")).contains(new Generation("timeline", 2));
        assertThat(other.startBuilding("timeline")).as("a rebuild is under way").isEmpty();

        java.time.Instant dropAt = java.time.Instant.parse("2026-11-30T12:00:00Z");
        Generation first = new Generation("timeline", 1);
        Generation second = new Generation("timeline", 2);
        assertThat(other.switchLive(first, new Generation("timeline", 3), dropAt))
                .as("not the generation being built")
                .isFalse();
        assertThat(pointers.switchLive(first, second, dropAt)).isTrue();
        assertThat(other.switchLive(first, second, dropAt))
                .as("switched already")
                .isFalse();
        assertThat(other.pointer("timeline"))
                .isEqualTo(new GenerationPointer("timeline", 2, null, 2, ReadModelCodecs.FORMAT, 1, dropAt));

        assertThat(other.retired(first)).isTrue();
        assertThat(pointers.retired(first)).as("dropped already").isFalse();
        assertThat(pointers.pointer("timeline"))
                .isEqualTo(new GenerationPointer("timeline", 2, null, 2, ReadModelCodecs.FORMAT, null, null));
        assertThat(other.startBuilding("timeline")).contains(new Generation("timeline", 3));
    }

    @Test
    void theLatestReplayIsKeptInTheStoreAndEndsOnce() {
        StoredReplays replays = new StoredReplays(database);
        StoredReplays elsewhere = new StoredReplays(database);
        java.time.Instant start = java.time.Instant.parse("2026-11-30T12:00:00Z");
        assertThat(replays.latest("risk")).isEmpty();
        replays.started(new Generation("risk", 1), new Generation("risk", 2), 0, start);
        assertThat(elsewhere.latest("risk"))
                .contains(new StoredReplays.Record(
                        new Generation("risk", 1),
                        new Generation("risk", 2),
                        0,
                        start,
                        ReplayProgress.State.RUNNING,
                        null,
                        0,
                        null));
        elsewhere.ended(new Generation("risk", 2), ReplayProgress.State.COMPLETED, 1500, start.plusSeconds(3), null);
        replays.ended(new Generation("risk", 2), ReplayProgress.State.FAILED, 9, start.plusSeconds(9), "late");
        assertThat(replays.latest("risk").orElseThrow())
                .extracting(
                        StoredReplays.Record::state,
                        StoredReplays.Record::eventsTotal,
                        StoredReplays.Record::finishedAt)
                .containsExactly(ReplayProgress.State.COMPLETED, 1500L, start.plusSeconds(3));
        assertThat(replays.latest("timeline")).isEmpty();
    }
}
