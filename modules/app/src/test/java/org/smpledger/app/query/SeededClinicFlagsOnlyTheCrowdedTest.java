package org.smpledger.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.replay.ReplayProgress;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.store.ReadModelBatch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A clinic of 1,000 clients with the course mix clinics describe (most three planned sessions,
 * about one in five a fourth after recorded fading, a few corrected typos, a few crowded) is
 * flagged for its crowded clients and no one else; replaying the risk projection rebuilds the same
 * documents byte for byte and the same flags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class SeededClinicFlagsOnlyTheCrowdedTest {

    private static final String CLINIC = "clinic-seeded";

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("seeded"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-seeded")::toString);
        Staff.register(registry, CLINIC);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore events;

    @Autowired
    ProjectionProcessors processors;

    @Autowired
    MongoDatabase database;

    @Test
    void aThousandClientsAreFlaggedExactlyWhereTheyAreCrowdedAndAReplayReproducesTheLevels() throws Exception {
        SeededClinic clinic = new SeededClinic(CLINIC, 1000, 11, Instant.now());
        Map<SeededClinic.Course, Integer> mix = new EnumMap<>(SeededClinic.Course.class);
        clinic.clients().forEach(c -> mix.merge(c.course(), 1, Integer::sum));
        assertThat(mix.get(SeededClinic.Course.FOURTH_AFTER_RECORDED_FADING)).isEqualTo(200);
        assertThat(clinic.crowded()).hasSize(40);

        long t0 = System.nanoTime();
        clinic.record(commands, events);
        long t1 = System.nanoTime();
        caughtUp();
        System.out.printf(
                "seeded: recorded in %d ms, projections caught up %d ms later%n",
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);

        JsonNode flags = flags();
        List<String> flagged = new ArrayList<>();
        flags.at("/flags/items").forEach(f -> flagged.add(f.path("clientId").asText()));
        assertThat(flags.at("/flags/total").asInt()).isEqualTo(40);
        assertThat(flagged).containsExactlyInAnyOrderElementsOf(clinic.crowded());
        Map<String, SeededClinic.Course> courses = new LinkedHashMap<>();
        clinic.clients().forEach(c -> courses.put(c.id(), c.course()));
        flags.at("/flags/items").forEach(f -> {
            String expected = switch (courses.get(f.path("clientId").asText())) {
                case LARGE_DOTS_NEAR_BLURRING, BEYOND_A_LIGHTER_PLAN -> "WATCH";
                default -> "HIGH";
            };
            assertThat(f.path("level").asText()).as(f.toString()).isEqualTo(expected);
        });
        String faded = clinic.clients().stream()
                .filter(c -> c.course() == SeededClinic.Course.FOURTH_AFTER_RECORDED_FADING)
                .findFirst()
                .orElseThrow()
                .id();
        JsonNode fadedRisk = query("/api/clients/" + faded + "/risk");
        assertThat(fadedRisk.path("level").asText()).isEqualTo("OK");
        JsonNode fadedCrown = null;
        for (JsonNode zone : fadedRisk.path("zones")) {
            if (zone.path("zone").asText().equals("CROWN")) {
                fadedCrown = zone;
            }
        }
        assertThat(fadedCrown).isNotNull();
        assertThat(fadedCrown.path("sessionsInCourse").asInt()).isEqualTo(4);
        assertThat(fadedCrown.path("explanation").asText()).contains("restoring observed loss");

        Map<String, List<String>> live = riskDocuments();
        long t2 = System.nanoTime();
        MvcResult replay = mvc.perform(post("/api/admin/projections/" + RiskProjection.NAME + "/replay")
                        .with(Staff.admin(CLINIC).basic()))
                .andReturn();
        assertThat(replay.getResponse().getStatus()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> processors
                        .lastReplay(RiskProjection.NAME)
                        .map(r -> r.state() == ReplayProgress.State.COMPLETED)
                        .orElse(false));
        System.out.printf("seeded: risk replayed in %d ms%n", (System.nanoTime() - t2) / 1_000_000);
        assertThat(riskDocuments()).isEqualTo(live);
        assertThat(flags().toString()).isEqualTo(flags.toString());
    }

    /**
     * The live generation of every risk collection, as JSON text sorted by {@code _id}, without the
     * generation suffix and the position of the batch that wrote each record.
     */
    private Map<String, List<String>> riskDocuments() {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        int generation = processors.live(RiskProjection.NAME).number();
        for (String base : RiskProjection.COLLECTIONS) {
            List<Document> documents =
                    database.getCollection(base + "_g" + generation).find().into(new ArrayList<>());
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            // where the live processor's and the replay's batches ended differs
            documents.forEach(document -> document.remove(ReadModelBatch.POSITION));
            dump.put(base, documents.stream().map(Document::toJson).toList());
        }
        return dump;
    }

    private JsonNode flags() throws Exception {
        return query("/api/risk-flags?size=500");
    }

    private JsonNode query(String path) throws Exception {
        MvcResult result =
                mvc.perform(get(path).with(Staff.practitioner(CLINIC).basic())).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private void caughtUp() {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }
}
