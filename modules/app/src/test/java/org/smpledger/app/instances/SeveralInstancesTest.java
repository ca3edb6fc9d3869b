package org.smpledger.app.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Instances of the service, each a JVM of its own, on one MongoDB wire server and one Kafka broker
 * (this test JVM's), driven through their REST APIs. Claims time out after 3 s here (production
 * default 10 s); projections split in two segments where they can. One store for the whole class,
 * in order: a and b under load; a replay started on a, killed in the middle, while b serves; c joins
 * b under load and b is killed. Each step checks the whole store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Takeover after a kill: the claim timeout (3 s) plus the claim interval (1 s), a batch, and the polling here. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(3 + 5);

    @TempDir
    static Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String database = TestMongo.freshDatabaseName("instances");
    private final List<String> topics =
            List.of(TestKafka.freshTopicName("treatment-records"), TestKafka.freshTopicName("pigment-lots"));
    private final MongoClient mongo = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase store = mongo.getDatabase(database);

    private ServiceProcess a;
    private ServiceProcess b;
    /** The instance left after the kill, paused in the next test. */
    private ServiceProcess survivor;

    @AfterAll
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        store.drop();
        mongo.close();
    }

    private ServiceProcess start(String name, String... extra) throws IOException {
        ServiceProcess instance = ServiceProcess.start(
                name,
                List.of(),
                "127.0.0.1",
                freePort(),
                dir,
                TestMongo.connectionString(),
                database,
                TestKafka.bootstrapServers(),
                topics,
                extra);
        closing.add(instance);
        return instance;
    }

    @Test
    @Order(1)
    void fourWritersAcrossTwoInstancesFor30SecondsLoseNothingAndBuildWhatOneInstanceBuilds() throws Exception {
        a = start("a", "--smp.projections.batch-size=50");
        b = start("b", "--smp.projections.batch-size=50");
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        List<ServiceProcess> both = List.of(a, b);
        Set<String> heldByA = ConcurrentSet.of();
        Set<String> heldByB = ConcurrentSet.of();
        try (ClinicWriters writers = new ClinicWriters(4, w -> both.get(w % 2), Duration.ZERO)) {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                heldByA.addAll(held(a));
                heldByB.addAll(held(b));
                Thread.sleep(1000);
            }
            writers.close();
            assertThat(writers.failures).as("%s", writers.failureSamples).hasValue(0);
            assertThat(writers.acknowledgedEvents).hasSizeGreaterThan(100);
            everythingHolds(a, writers);
        }
        assertThat(heldByA).as("segments instance a held at some point").isNotEmpty();
        assertThat(heldByB).as("segments instance b held at some point").isNotEmpty();
    }

    @Test
    @Order(3)
    void aKilledInstancesSegmentsAndThePublisherAreTakenOverWithinTheClaimTimeoutAndNothingIsLost() throws Exception {
        ServiceProcess c = start("c");
        c.awaitReady(Duration.ofSeconds(120));
        List<ServiceProcess> both = List.of(b, c);
        AtomicBoolean bDead = new AtomicBoolean();
        try (ClinicWriters writers = new ClinicWriters(4, w -> bDead.get() ? c : both.get(w % 2), Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !held(c).isEmpty() && !held(b).isEmpty());
            Thread.sleep(3000);
            Set<String> bHeld = held(b);
            int acknowledgedBefore = writers.acknowledgedEvents.size();
            long killedAt = System.nanoTime();
            b.kill();
            bDead.set(true);
            await().atMost(TAKEOVER_BOUND.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> held(c).containsAll(allSegments(c)));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("takeover of %s after kill -9: %d ms%n", bHeld, takeover.toMillis());
            assertThat(takeover).as("c holds every segment b held (%s)", bHeld).isLessThanOrEqualTo(TAKEOVER_BOUND);
            Thread.sleep(4000);
            writers.close();
            assertThat(writers.acknowledgedEvents.size()).isGreaterThan(acknowledgedBefore);
            everythingHolds(c, writers);
        }
        survivor = c;
    }

    @Test
    @Order(4)
    void aPausedInstanceThatComesBackAfterItsClaimsWereTakenWritesNothingStale() throws Exception {
        ServiceProcess c = survivor;
        ServiceProcess d = start("d");
        d.awaitReady(Duration.ofSeconds(120));
        List<ServiceProcess> both = List.of(c, d);
        AtomicBoolean cPaused = new AtomicBoolean();
        IntFunction<ServiceProcess> route = w -> cPaused.get() ? d : both.get(w % 2);
        try (ClinicWriters writers = new ClinicWriters(4, route, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !held(c).isEmpty() && !held(d).isEmpty());
            Thread.sleep(2000);
            Set<String> cHeld = held(c);
            // c is paused under load, wherever it is: between batches, or with a batch's writes
            // under way after its claim was confirmed, which then land once d has gone further
            // (the fenced records of docs/architecture.md keep them from replacing d's)
            cPaused.set(true);
            c.pause();
            try {
                await().atMost(TAKEOVER_BOUND.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> held(d).containsAll(allSegments(d)));
                Thread.sleep(2000);
            } finally {
                c.resume();
            }
            System.out.printf("c paused while holding %s; d took every segment; c resumed%n", cHeld);
            cPaused.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.status("/actuator/health/readiness") == 200);
            Thread.sleep(5000);
            writers.close();
            everythingHolds(d, writers);
            StoreChecks.caughtUp(c, Duration.ofSeconds(90));
        }
    }

    @Test
    @Order(2)
    void aReplayStartedOnOneInstanceNeverLeavesTheOtherWithoutAReadModelAndSurvivesTheDeathOfItsStarter()
            throws Exception {
        List<String> known = new ArrayList<>();
        StoreChecks.caughtUp(b, Duration.ofSeconds(60));
        known.addAll(List.copyOf(new ArrayList<>(store.getCollection("timeline_g1")
                        .find()
                        .map(d -> d.getString("_id"))
                        .into(new ArrayList<>()))
                .subList(0, 20)));

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (String client : known) {
                    try {
                        HttpResponse<String> answer = b.get("/api/clients/" + client + "/timeline");
                        JsonNode body = answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
                        if (body == null || body.path("entries").path("items").isEmpty()) {
                            wrong.add(answer.statusCode() + " " + answer.body());
                        }
                        reads.incrementAndGet();
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }
            }
        });
        reader.start();
        try (ClinicWriters load = new ClinicWriters(2, w -> b, Duration.ofMillis(20))) {
            HttpResponse<String> started = a.post("/api/admin/projections/timeline/replay", "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(JSON.readTree(started.body()).path("state").asText()).isEqualTo("RUNNING");
            JsonNode pointer = JSON.readTree(store.getCollection("projection_generations")
                    .find(new org.bson.Document("_id", "timeline"))
                    .first()
                    .toJson());
            assertThat(pointer.path("building").asInt()).as("%s", pointer).isEqualTo(2);
            a.kill();
            JsonNode onB =
                    JSON.readTree(b.get("/api/admin/projections/timeline").body());
            assertThat(onB.path("replay").path("state").asText())
                    .as("b shows the replay a started: %s", onB)
                    .isEqualTo("RUNNING");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        JsonNode status = JSON.readTree(
                                b.get("/api/admin/projections/timeline").body());
                        assertThat(status.path("liveGeneration").asInt())
                                .as("%s", status)
                                .isEqualTo(2);
                        assertThat(status.path("replay").path("state").asText()).isEqualTo("COMPLETED");
                    });
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            !store.listCollectionNames().into(new ArrayList<>()).contains("timeline_g1"));
            Thread.sleep(1000);
            load.close();
            reading.set(false);
            reader.join(10_000);
            assertThat(reads.get()).isGreaterThan(100);
            assertThat(wrong)
                    .as("answers from b that were not the client's timeline")
                    .isEmpty();
            StoreChecks.caughtUp(b, Duration.ofSeconds(60));
            StoreChecks.readModelsEqualARebuild(TestMongo.connectionString(), store);
        } finally {
            reading.set(false);
        }
    }

    private void everythingHolds(ServiceProcess survivor, ClinicWriters writers) {
        Set<String> stored = StoreChecks.densePositions(store);
        assertThat(stored).as("every acknowledged event is stored").containsAll(writers.acknowledgedEvents);
        StoreChecks.caughtUp(survivor, Duration.ofSeconds(90));
        StoreChecks.readModelsEqualARebuild(TestMongo.connectionString(), store);
        int duplicates = StoreChecks.kafkaHoldsEveryEvent(TestKafka.bootstrapServers(), topics, stored);
        System.out.printf(
                "%d events stored, %d acknowledged, %d failed commands, %d duplicates on Kafka%n",
                stored.size(), writers.acknowledgedEvents.size(), writers.failures.get(), duplicates);
    }

    /** "processor#segment" for every segment the instance holds, from its coordination health. */
    static Set<String> held(ServiceProcess instance) {
        Set<String> held = new java.util.HashSet<>();
        try {
            JsonNode processors = JSON.readTree(
                            instance.get("/actuator/health/coordination").body())
                    .path("details")
                    .path("processors");
            processors
                    .fields()
                    .forEachRemaining(p -> p.getValue()
                            .path("heldHere")
                            .forEach(segment -> held.add(p.getKey() + "#" + segment.asInt())));
        } catch (Exception e) {
            // no answer: holds nothing we can see
        }
        return held;
    }

    /** Every segment of every processor, as the instance knows them. */
    static Set<String> allSegments(ServiceProcess instance) throws Exception {
        Set<String> all = new java.util.HashSet<>();
        JsonNode processors = JSON.readTree(
                        instance.get("/actuator/health/coordination").body())
                .path("details")
                .path("processors");
        processors.fields().forEachRemaining(p -> {
            for (int s = 0; s < p.getValue().path("segments").asInt(); s++) {
                all.add(p.getKey() + "#" + s);
            }
        });
        assertThat(all).isNotEmpty();
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A concurrent set. */
    private static final class ConcurrentSet {
        static Set<String> of() {
            return java.util.concurrent.ConcurrentHashMap.newKeySet();
        }
    }
}
