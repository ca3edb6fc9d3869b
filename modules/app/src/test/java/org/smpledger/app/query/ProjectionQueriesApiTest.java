package org.smpledger.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.app.testing.Staff;
import org.smpledger.density.Contribution;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read side over HTTP, with events appended straight to the MongoDB event store (to control
 * their recordedAt): timeline and risk with asOf, flags, lot recall, the audit view,
 * the overview, replay and the lag metric, and the problems a caller's mistakes get.
 */
class ProjectionQueriesApiTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final Map<String, Long> sequences = new HashMap<>();
    static String fifthSession;
    static final Staff.Member AUDITOR = Staff.auditor("clinic-west");
    static final Staff.Member ADMIN = Staff.admin("clinic-west");

    static Instant day(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    @BeforeAll
    static void start() {
        List<String> arguments = new ArrayList<>(List.of(
                "--smp.mongodb.uri=" + TestMongo.connectionString(),
                "--smp.mongodb.database=" + TestMongo.freshDatabaseName("queries"),
                "--smp.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--smp.data-dir=" + dataDir,
                "--smp.projections.replay-check-interval=20ms",
                "--server.port=0"));
        arguments.addAll(Staff.arguments("clinic-west"));
        app = new SpringApplicationBuilder(SmpLedgerApplication.class).run(arguments.toArray(String[]::new));
        record(
                new PigmentLotReceived(
                        "lot-r1",
                        "clinic-west",
                        "Inkline",
                        "Slate",
                        "B-99",
                        LocalDate.of(2028, 1, 1),
                        true,
                        day("2026-01-01"),
                        "reception-ben"),
                day("2026-01-01"));
        record(
                new ClientRegistered(
                        "client-rae",
                        "clinic-west",
                        new PersonalDetails("Rae Example", LocalDate.of(1980, 1, 1), null, null),
                        day("2026-01-05")),
                day("2026-01-05"));
        double[] crown = {0.3, 0.3, 0.2, 0.1, 0.2};
        for (int i = 0; i < 5; i++) {
            Instant at = day("2026-01-12").plus(Duration.ofDays(14L * i));
            SessionCompleted.Override override = i == 4
                    ? new SessionCompleted.Override(
                            "crown scar absorbed pigment", "lead-practitioner", List.of("session-limit"))
                    : null;
            String id = record(
                    new SessionCompleted(
                            "client-rae",
                            "r" + (i + 1),
                            1,
                            i + 1,
                            at,
                            at.plus(Duration.ofHours(3)),
                            "practitioner-ana",
                            List.of(new SessionCompleted.ZoneWork(
                                    ScalpZone.CROWN,
                                    crown[i],
                                    null,
                                    3,
                                    0.25,
                                    null,
                                    List.of(new SessionCompleted.PigmentUse("lot-r1", 20)),
                                    null)),
                            override,
                            null,
                            null),
                    at.plus(Duration.ofHours(3)));
            if (i == 4) {
                fifthSession = id;
            }
        }
        record(
                new RecordCorrected(
                        "client-rae",
                        "corr-1",
                        fifthSession,
                        "SessionCompleted",
                        "fifth session was a consultation only",
                        null,
                        true),
                day("2026-03-20"));
        record(
                new PigmentLotRecalled("lot-r1", "contamination", day("2026-04-01"), "clinic-admin", "EU-SG-0099"),
                day("2026-04-01"));
        awaitCaughtUp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theTimelineShowsEveryStepAndAsOfCutsOnWhenEachWasRecorded() throws Exception {
        JsonNode now = get("/api/clients/client-rae/timeline").body;
        assertThat(now.at("/entries/total").asInt()).isEqualTo(7);
        assertThat(now.at("/entries/items/5/voided").asBoolean()).isTrue();
        assertThat(now.at("/entries/items/5/corrections/0/reason").asText())
                .as("a correction's reason is personal data: not in the timeline")
                .isIn("", "null");
        assertThat(now.at("/entries/items/5/what").asText())
                .isEqualTo("Session 5 of course 1: crown +0.2 (lots lot-r1); went ahead past session-limit");

        JsonNode beforeVoid = get("/api/clients/client-rae/timeline?asOf=2026-03-19T00:00:00Z").body;
        assertThat(beforeVoid.at("/entries/total").asInt()).isEqualTo(6);
        assertThat(beforeVoid.at("/entries/items/5/voided").asBoolean()).isFalse();
        assertThat(beforeVoid.at("/asOf").asText()).isEqualTo("2026-03-19T00:00:00Z");

        assertThat(get("/api/clients/client-rae/timeline?asOf=2026-01-10T00:00:00Z&size=1")
                        .body
                        .at("/entries/items/0/type")
                        .asText())
                .isEqualTo("ClientRegistered");
    }

    @Test
    void riskExplainsTheLevelAndAsOfShowsItBeforeTheVoid() throws Exception {
        JsonNode now = get("/api/clients/client-rae/risk").body;
        assertThat(now.at("/level").asText()).isEqualTo("OK");
        assertThat(now.at("/zones/0/density").asDouble()).isEqualTo(0.9);
        assertThat(now.at("/judgedBy/version").asInt()).isZero();

        JsonNode beforeVoid = get("/api/clients/client-rae/risk?asOf=2026-03-19T00:00:00Z").body;
        assertThat(beforeVoid.at("/level").asText()).isEqualTo("HIGH");
        assertThat(beforeVoid.at("/zones/0/zone").asText()).isEqualTo("CROWN");
        assertThat(beforeVoid.at("/zones/0/explanation").asText())
                .contains("pushed past the ceiling by session 5 (r5) adding 0.2, from 0.9 to 1.1")
                .contains("Overrides: session 5 (r5): " + Contribution.REASON_WITH_PERSONAL_DATA)
                .doesNotContain("crown scar absorbed pigment");
        assertThat(beforeVoid.at("/zones/0/meanDotSpacingMm").asDouble()).isGreaterThan(1.0);

        // with the wrong session voided, four sessions to 0.9 are within every limit: nobody to flag
        JsonNode flags = get("/api/risk-flags").body;
        assertThat(flags.at("/flags/total").asInt()).isZero();
        assertThat(flags.at("/judgedBy/version").asInt()).isZero();
    }

    @Test
    void lotRecallAndTheAuditViewAnswerFromTheirSources() throws Exception {
        JsonNode recall = get("/api/pigment-lots/lot-r1/clients").body;
        assertThat(recall.at("/recall/authorityReference").asText()).isEqualTo("EU-SG-0099");
        assertThat(recall.at("/clients/items/0/clientId").asText()).isEqualTo("client-rae");
        assertThat(recall.at("/clients/items/0/uses").size()).isEqualTo(5);
        assertThat(recall.at("/clients/items/0/uses/4/status").asText()).isEqualTo("voided");

        JsonNode events = get("/api/clients/client-rae/events?size=3&page=2").body;
        assertThat(events.at("/total").asInt()).isEqualTo(7);
        assertThat(events.at("/items/0/sequence").asLong()).isEqualTo(6);
        assertThat(events.at("/items/0/type").asText()).isEqualTo("RecordCorrected");
        assertThat(events.at("/items/0/metadata/clinicId").asText()).isEqualTo("clinic-west");
        assertThat(events.at("/items/0/globalPosition").isIntegralNumber()).isTrue();
        assertThat(events.at("/items/0/globalPosition").asLong())
                .isGreaterThan(events.at("/items/0/sequence").asLong());
    }

    @Test
    void theOverviewCountsSessionsPerClient() throws Exception {
        JsonNode overview = get("/api/clinic-overview?today=2026-06-01T00:00:00Z").body;
        assertThat(overview.at("/clients").asInt()).isEqualTo(1);
        assertThat(overview.at("/sessionsPerClient/4").asInt()).isEqualTo(1);
        assertThat(overview.at("/touchUpsDue/total").asInt()).isZero();
    }

    @Test
    void aCallersMistakesGetProblemsNamingTheParameter() throws Exception {
        Response badAsOf = get("/api/clients/client-rae/timeline?asOf=yesterday");
        assertThat(badAsOf.status).isEqualTo(400);
        assertThat(badAsOf.contentType).startsWith("application/problem+json");
        assertThat(badAsOf.body.at("/errors/0/field").asText()).isEqualTo("asOf");

        assertThat(get("/api/clients/client-rae/timeline?size=0")
                        .body
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("size");
        assertThat(get("/api/clients/client-rae/risk?asOf=2026-02-30").status).isEqualTo(400);
        assertThat(get("/api/clients/client-rae/timeline?page=x")
                        .body
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("page");
        assertThat(get(null, "/api/risk-flags").status).isEqualTo(401);
        assertThat(get("/api/clients/client-nobody/timeline").status).isEqualTo(404);
        assertThat(get("/api/clients/client-rae/timeline?asOf=2025-01-01T00:00:00Z").status)
                .isEqualTo(404);
        assertThat(get("/api/pigment-lots/lot-nobody/clients").status).isEqualTo(404);
        assertThat(get(ADMIN, "/api/admin/projections/nothing").status).isEqualTo(404);
    }

    @Test
    void aReplayRunsWhileQueriesAnswerAndItsProgressAndTheLagAreExposed() throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(uri("/api/admin/projections/timeline/replay"))
                        .header("Authorization", ADMIN.authorization())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        int target = json.readTree(started.body()).at("/toGeneration").asInt();
        assertThat(get("/api/clients/client-rae/timeline").status).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> get(ADMIN, "/api/admin/projections/timeline")
                                .body
                                .at("/liveGeneration")
                                .asInt()
                        == target);
        JsonNode status = get(ADMIN, "/api/admin/projections/timeline").body;
        assertThat(status.at("/replay/state").asText()).isEqualTo("COMPLETED");
        assertThat(status.at("/replay/eventsDone").asLong())
                .isEqualTo(status.at("/replay/eventsTotal").asLong())
                .isPositive();
        assertThat(get("/api/clients/client-rae/timeline")
                        .body
                        .at("/entries/total")
                        .asInt())
                .isEqualTo(7);

        JsonNode lag = get(ADMIN, "/actuator/metrics/smp.projection.lag?tag=processor:risk").body;
        assertThat(lag.at("/measurements/0/value").asDouble()).isZero();
        assertThat(get(ADMIN, "/api/admin/projections").body.size()).isEqualTo(4);
    }

    @Test
    void eachProjectionsProcessorLatencyAndThroughputComeFromAxonUnderTheProjectionsName() throws Exception {
        for (String projection : List.of("timeline", "risk", "lot-usage", "overview")) {
            JsonNode handled =
                    get(ADMIN, "/actuator/metrics/eventProcessor.successCounter?tag=processorName:" + projection).body;
            assertThat(handled.at("/measurements/0/value").asDouble())
                    .as(projection)
                    .isGreaterThanOrEqualTo(9);
            Response latency = get(ADMIN, "/actuator/metrics/eventProcessor.latency?tag=processorName:" + projection);
            assertThat(latency.status).as(projection).isEqualTo(200);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode tag : get(ADMIN, "/actuator/metrics/eventProcessor.successCounter")
                .body
                .at("/availableTags")) {
            if (tag.path("tag").asText().equals("processorName")) {
                tag.path("values").forEach(value -> names.add(value.asText()));
            }
        }
        assertThat(names)
                .as("rebuilds report under their projection's name once live, never their own")
                .contains("timeline", "risk", "lot-usage", "overview")
                .noneMatch(name -> name.contains("@"));
    }

    private static void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode all = get(ADMIN, "/api/admin/projections").body;
            for (JsonNode projection : all) {
                if (projection.path("lag").asLong() != 0
                        || projection.path("position").isNull()) {
                    return false;
                }
            }
            return all.size() == 4;
        });
    }

    private static synchronized String record(SmpEvent event, Instant recordedAt) {
        long sequence = sequences.merge(event.streamId(), 1L, Long::sum) - 1;
        String id = UUID.randomUUID().toString();
        app.getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>(
                        event instanceof PigmentLotEvent ? "PigmentLot" : "TreatmentRecord",
                        event.streamId(),
                        sequence,
                        event,
                        Map.of(
                                EventMetadata.CLINIC_ID,
                                "clinic-west",
                                EventMetadata.ACTOR_ID,
                                "practitioner-ana",
                                EventMetadata.RECORDED_AT,
                                recordedAt.toString()),
                        id,
                        recordedAt));
        return id;
    }

    record Response(int status, String contentType, JsonNode body) {}

    /** As the clinic's auditor, who may read all of this. */
    private static Response get(String path) throws Exception {
        return get(AUDITOR, path);
    }

    private static Response get(Staff.Member member, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (member != null) {
            request.header("Authorization", member.authorization());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                json.readTree(response.body()));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) app).getWebServer().getPort() + path);
    }
}
