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
        assertThat(pointers.pointer("risk")).isEqualTo(new GenerationPointer("risk", 1, 2, 2, ReadModelCodecs.FORMAT, null, null));

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
}
