package org.smpledger.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.density.Contribution;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The courses of the over-layering issue, recorded through the command API and read back through
 * the risk view, the flag list and the clinic overview: levels, refusals and explanations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class OverLayeringCoursesThroughTheApiTest {

    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    /** A clinic of its own per test (and a neighbour for the test of two clinics), with a user per role. */
    private static final String[] CLINICS =
            IntStream.range(0, 12).mapToObj(i -> "overlayering-" + i).toArray(String[]::new);

    private static final AtomicInteger NEXT_CLINIC = new AtomicInteger();

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("overlayering"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-overlayering")::toString);
        Staff.register(
                registry,
                Stream.of(CLINICS)
                        .flatMap(clinic -> Stream.of(clinic, clinic + "-south"))
                        .toArray(String[]::new));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionProcessors processors;

    @Autowired
    MovableClock clock;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    /** The server's clock: the system's, unless a test moves it to record a course as it happens. */
    static final class MovableClock extends Clock {
        private volatile Instant fixed;

        void at(Instant instant) {
            fixed = instant;
        }

        void released() {
            fixed = null;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant at = fixed;
            return at != null ? at : Instant.now();
        }
    }

    @TestConfiguration
    static class ServerClock {
        @Bean
        @Primary
        MovableClock serverClock() {
            return new MovableClock();
        }
    }

    @AfterEach
    void clockBackToNow() {
        clock.released();
    }

    /** A clinic of its own per test, so flag lists and overviews hold only that test's clients. */
    private final String clinic = CLINICS[NEXT_CLINIC.getAndIncrement()];

    private final Instant start = TODAY.minus(Duration.ofDays(120));

    @Test
    void aTextbookCourseReachingItsPlannedTargetIsOkAndNotFlagged() throws Exception {
        String lot = lot();
        String client = textbookCourse(lot);
        caughtUp();

        JsonNode risk = query("/api/clients/" + client + "/risk");
        assertThat(risk.path("level").asText()).isEqualTo("OK");
        JsonNode crown = risk.at("/zones/0");
        assertThat(crown.path("density").asDouble()).isEqualTo(1.0);
        assertThat(crown.at("/plan/target").asDouble()).isEqualTo(1.0);
        assertThat(crown.path("explanation").asText())
                .startsWith(
                        "crown is at 1 of natural density after 3 sessions in course 1: within every limit and the plan")
                .contains(". Treatment plan ")
                .contains("3 sessions to 1 on crown, reached")
                .contains("Healed dots of 0.325 mm, 0.729 mm apart edge to edge (minimum 0.5 mm)")
                .endsWith(
                        "Judged by the deployment's default policy (v0: " + clinic + " had adopted none of its own).");
        assertThat(flaggedClients()).doesNotContain(client);
    }

    @Test
    void afterAHealingCheckRecordingAQuarterFadedAFourthSessionIsAcceptedWithoutOverrideAndOk() throws Exception {
        String lot = lot();
        String client = textbookCourse(lot);
        created(command(
                "/api/clients/" + client + "/healing-assessments", """
                {"sessionId": "%s", "assessedAt": "%s", "outcome": "AS_EXPECTED",
                 "observations": [{"zone": "CROWN", "observation": "FADING", "retainedFraction": 0.75}]}
                 """.formatted(sessionId(client, 3), day(70))));
        created(session(client, lot, day(80), 0.25, null));
        caughtUp();

        JsonNode risk = query("/api/clients/" + client + "/risk");
        assertThat(risk.path("level").asText()).isEqualTo("OK");
        JsonNode crown = risk.at("/zones/0");
        assertThat(crown.path("density").asDouble()).isEqualTo(1.0);
        assertThat(crown.path("observedLoss").asDouble()).isEqualTo(0.25);
        assertThat(crown.path("sessionsInCourse").asInt()).isEqualTo(4);
        assertThat(crown.at("/sessions/3/restoresObservedLoss").asBoolean()).isTrue();
        assertThat(crown.path("explanation").asText())
                .contains("found 75% of the course's work retained, 1 to 0.75 (0.25 lost)")
                .contains("added 0.25, 0.75 to 1, restoring observed loss");
        assertThat(flaggedClients()).doesNotContain(client);
    }

    @Test
    void theSameFourthSessionWithoutRecordedFadingIsRefusedThenHighWithTheOverrideNamed() throws Exception {
        String lot = lot();
        String client = textbookCourse(lot);
        JsonNode refused = problem(session(client, lot, day(80), 0.25, null), 422);
        assertThat(refused.path("rule").asText()).isEqualTo("density-ceiling");
        assertThat(refused.at("/numbers/wouldBe").asDouble()).isEqualTo(1.25);
        assertThat(refused.at("/numbers/limit").asDouble()).isEqualTo(1.0);

        created(session(client, lot, day(80), 0.25, "client asked for a darker crown"));
        caughtUp();

        JsonNode risk = query("/api/clients/" + client + "/risk");
        assertThat(risk.path("level").asText()).isEqualTo("HIGH");
        assertThat(risk.at("/zones/0/explanation").asText())
                .startsWith(
                        "crown is at 1.25 of natural density, 0.25 over the ceiling of 1; pushed past the ceiling by session 4")
                .contains("Overrides: session 4 (")
                .contains(Contribution.REASON_WITH_PERSONAL_DATA)
                .doesNotContain("client asked for a darker crown");
        JsonNode flag = flag(client);
        assertThat(flag.path("level").asText()).isEqualTo("HIGH");
        assertThat(flag.at("/zones/0/density").asDouble()).isEqualTo(1.25);
    }

    @Test
    void oneSessionAddingFourFifthsToAZoneIsRefusedByTheDoseCap() throws Exception {
        String lot = lot();
        String client = readyClient(lot);
        JsonNode refused = problem(session(client, lot, day(10), 0.8, null), 422);

        assertThat(refused.path("type").asText()).isEqualTo("urn:smp-ledger:problem:dose-per-session");
        assertThat(refused.at("/numbers/zone").asText()).isEqualTo("CROWN");
        assertThat(refused.at("/numbers/wouldBe").asDouble()).isEqualTo(0.8);
        assertThat(refused.at("/numbers/limit").asDouble()).isEqualTo(0.5);
    }

    @Test
    void twoClinicsWithTheirOwnIntervalsJudgeTheSameSessionDifferentlyAndALaterPolicyJudgesOnlyFromItsDate()
            throws Exception {
        String weekly = clinic;
        String fortnightly = clinic + "-south";
        clock.at(day(0));
        adopt(weekly, "{\"sessions\": {\"minimumDaysBetween\": 7}}");
        adopt(fortnightly, "{\"sessions\": {\"minimumDaysBetween\": 14}}");
        clock.at(day(5));
        String weeklyLot = lot(weekly);
        String fortnightlyLot = lot(fortnightly);
        String weeklyClient = readyClient(weekly, weeklyLot);
        String fortnightlyClient = readyClient(fortnightly, fortnightlyLot);
        clock.at(day(10).plus(Duration.ofHours(4)));
        created(session(weekly, weeklyClient, weeklyLot, day(10), 0.4, null));
        created(session(fortnightly, fortnightlyClient, fortnightlyLot, day(10), 0.4, null));

        clock.at(day(20).plus(Duration.ofHours(4)));
        created(session(weekly, weeklyClient, weeklyLot, day(20), 0.3, null));
        JsonNode refused = problem(session(fortnightly, fortnightlyClient, fortnightlyLot, day(20), 0.3, null), 422);
        assertThat(refused.path("rule").asText()).isEqualTo("session-interval");
        assertThat(refused.at("/numbers/daysSinceLastSession").asInt()).isEqualTo(10);
        assertThat(refused.at("/numbers/minimumDays").asInt()).isEqualTo(14);

        Instant beforeStricter = day(21);
        clock.at(day(30));
        adopt(weekly, "{\"density\": {\"ceiling\": 0.6, \"usualTarget\": 0.6}}");
        caughtUp();

        JsonNode then = query("/api/clients/" + weeklyClient + "/risk?asOf=" + beforeStricter);
        assertThat(then.path("level").asText()).isEqualTo("OK");
        assertThat(then.at("/judgedBy/version").asInt()).isEqualTo(1);
        assertThat(then.at("/zones/0/explanation").asText()).contains("Judged by policy v1 of " + weekly);
        JsonNode now = query("/api/clients/" + weeklyClient + "/risk");
        assertThat(now.path("level").asText()).isEqualTo("HIGH");
        assertThat(now.at("/judgedBy/version").asInt()).isEqualTo(2);
        assertThat(now.at("/zones/0/explanation").asText())
                .startsWith("crown is at 0.7 of natural density, 0.1 over the ceiling of 0.6")
                .contains("Judged by policy v2 of " + weekly);
        JsonNode sessions = read(get("/api/clients/" + weeklyClient + "/events")
                .with(Staff.auditor(weekly).basic()));
        List<Integer> versions = new ArrayList<>();
        sessions.path("items").forEach(e -> {
            if (e.path("type").asText().equals("SessionCompleted")) {
                versions.add(e.at("/payload/policyVersion").asInt());
            }
        });
        assertThat(versions).containsExactly(1, 1);
    }

    @Test
    void anAllergicReactionNamingALotBarsItsBrandUntilANewerNegativePatchTestAndShowsItsReportingDeadline()
            throws Exception {
        String lot = lot();
        String client = readyClient(lot);
        created(session(client, lot, day(10), 0.3, null));
        Instant observed = TODAY.minus(Duration.ofDays(2)).plus(Duration.ofHours(10));
        String reaction = created(
                        command("/api/clients/" + client + "/adverse-reactions", """
                {"observedAt": "%s", "kind": "ALLERGIC", "severity": "MODERATE", "lotIds": ["%s"],
                 "description": "itching and raised dots on the crown"}""".formatted(observed, lot)))
                .path("reactionId")
                .asText();

        JsonNode refused = problem(session(client, lot, TODAY.minus(Duration.ofDays(1)), 0.3, null), 422);
        // a session that has already ended at any time of day: it lasts three hours
        Instant sessionStart = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
        assertThat(refused.path("rule").asText()).isEqualTo("allergic-reaction");
        assertThat(refused.at("/numbers/reactionId").asText()).isEqualTo(reaction);
        assertThat(refused.at("/numbers/lotId").asText()).isEqualTo(lot);

        caughtUp();
        JsonNode deadline = find(overview().at("/reportingDeadlines/items"), client);
        assertThat(deadline).isNotNull();
        assertThat(deadline.path("reactionId").asText()).isEqualTo(reaction);
        assertThat(deadline.path("jurisdiction").asText()).isEqualTo("US-TX");
        assertThat(deadline.path("deadline").asText())
                .isEqualTo(fiveWorkingDaysAfter(observed).toString());

        created(command("/api/clients/" + client + "/adverse-reactions/" + reaction + "/authority-reports", """
                {"authority": "Texas DSHS", "reference": "TX-2026-0077"}"""));
        created(command("/api/clients/" + client + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}""".formatted(
                        lot, observed.plus(Duration.ofHours(2)), sessionStart.minus(Duration.ofMinutes(5)))));
        JsonNode stillTooSoon = problem(session(client, lot, sessionStart, 0.3, null), 422);
        assertThat(stillTooSoon.path("rule").asText()).isEqualTo("allergic-reaction");
        caughtUp();
        assertThat(find(overview().at("/reportingDeadlines/items"), client)).isNull();
    }

    @Test
    void aNewerNegativePatchTestLiftsTheBarOfAnAllergicReaction() throws Exception {
        String lot = lot();
        String client = readyClient(lot);
        created(session(client, lot, day(10), 0.3, null));
        created(command("/api/clients/" + client + "/adverse-reactions", """
                {"observedAt": "%s", "kind": "ALLERGIC", "severity": "MILD", "lotIds": ["%s"],
                 "description": "itching"}""".formatted(day(12), lot)));
        created(command("/api/clients/" + client + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}
                """.formatted(lot, day(20), day(22))));

        created(session(client, lot, day(30), 0.3, null));
    }

    @Test
    void aPatchTestCorrectedFromNegativeToPositiveBarsItsBrand() throws Exception {
        String lot = lot();
        String client = readyClient(lot);
        created(command("/api/clients/" + client + "/corrections", """
                {"correctedEventId": "%s", "reason": "the reading was misfiled",
                 "changes": {"result": "POSITIVE", "findings": "redness and swelling at 48 h"}}""".formatted(patchTests.get(client))));

        JsonNode refused = problem(session(client, lot, day(10), 0.3, null), 422);
        assertThat(refused.path("rule").asText()).isEqualTo("patch-test-positive");
        assertThat(refused.at("/numbers/patchTestId").asText()).isNotBlank();
        // the findings are personal data: never in a refusal
        assertThat(refused.toString()).doesNotContain("redness and swelling");
    }

    @Test
    void sessionsAndHealingChecksStoredBeforeThisRevisionStillLoad() {
        SessionCompleted session = serializer.deserialize(stored(SessionCompleted.class, """
                {"clientId": "c-1", "sessionId": "s-1", "course": 1, "sessionNumber": 1,
                 "startedAt": "2026-01-05T09:00:00Z", "endedAt": "2026-01-05T12:00:00Z", "practitionerId": "pr-1",
                 "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3, "dotsPerCm2": null, "needleCount": 3,
                   "needleDiameterMm": 0.25, "depthMm": 0.6, "pigments": [], "notes": null}],
                 "override": null, "notes": null}"""));
        HealingAssessed healing = serializer.deserialize(stored(HealingAssessed.class, """
                {"clientId": "c-1", "assessmentId": "ha-1", "sessionId": "s-1", "assessedAt": "2026-02-05T09:00:00Z",
                 "practitionerId": "pr-1", "outcome": "AS_EXPECTED",
                 "observations": [{"zone": "CROWN", "observation": "FADING"}], "notes": null}"""));

        assertThat(session.policyVersion()).isNull();
        assertThat(healing.observations().get(0).retainedFraction()).isNull();
        assertThat(healing.observations().get(0).observedDensity()).isNull();
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(DensityMeasures.DEFAULT)
                .after("e1", session)
                .after("e2", healing);
        assertThat(ledger.standing(ScalpZone.CROWN).density().value()).isEqualTo(0.3);
    }

    /** A payload as an earlier version of the service stored it: JSON under the event's type name, no revision. */
    private static SimpleSerializedObject<byte[]> stored(Class<?> type, String json) {
        return new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class, type.getName(), null);
    }

    // --- the clinic, through the API

    private final java.util.Map<String, String> patchTests = new java.util.HashMap<>();
    private final java.util.Map<String, List<String>> sessions = new java.util.HashMap<>();

    /** 0.3, 0.4 and 0.3 on the crown, planned as three sessions to 1.0. */
    private String textbookCourse(String lot) throws Exception {
        String client = readyClient(lot);
        created(command("/api/clients/" + client + "/treatment-plans", """
                {"plannedAt": "%s", "plannedSessions": 3, "targets": [{"zone": "CROWN", "targetDensity": 1.0}],
                 "factors": [{"kind": "SKIN_TYPE", "note": "Fitzpatrick III"}]}""".formatted(day(9))));
        created(session(client, lot, day(10), 0.3, null));
        created(session(client, lot, day(24), 0.4, null));
        created(session(client, lot, day(38), 0.3, null));
        return client;
    }

    private String sessionId(String client, int number) {
        return sessions.get(client).get(number - 1);
    }

    private Instant day(long n) {
        return start.plus(Duration.ofDays(n));
    }

    private String lot() throws Exception {
        return lot(clinic);
    }

    private String lot(String clinicId) throws Exception {
        return created(as(clinicId, "/api/pigment-lots", """
                {"brand": "InkCo-%s", "shade": "dark brown", "batchNumber": "B-1", "expiresOn": "2099-12-31",
                 "reachLabelled": true, "receivedAt": "%s"}""".formatted(clinicId, start)))
                .path("lotId")
                .asText();
    }

    private String readyClient(String lot) throws Exception {
        return readyClient(clinic, lot);
    }

    private String readyClient(String clinicId, String lot) throws Exception {
        String client = created(as(clinicId, "/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(day(1))))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        created(as(clinicId, base + "/screenings", "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(day(1))));
        created(as(clinicId, base + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/1.pdf"}""".formatted(day(1))));
        JsonNode patchTest = created(as(clinicId, base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}
                """.formatted(lot, day(2), day(4))));
        patchTests.put(client, patchTest.path("eventId").asText());
        return client;
    }

    private MockHttpServletRequestBuilder session(String client, String lot, Instant at, double crown, String reason) {
        return session(clinic, client, lot, at, crown, reason);
    }

    private MockHttpServletRequestBuilder session(
            String clinicId, String client, String lot, Instant at, double crown, String reason) {
        String override = reason == null
                ? ""
                : ", \"override\": {\"reason\": \"%s\", \"approvedBy\": \"lead-kim\"}".formatted(reason);
        return as(clinicId, "/api/clients/" + client + "/sessions", """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": %s,
                 "needleCount": 3, "needleDiameterMm": 0.25, "depthMm": 0.6,
                 "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}]%s}""".formatted(
                        at, at.plus(Duration.ofHours(3)), crown, lot, override));
    }

    private void adopt(String clinicId, String rules) throws Exception {
        MvcResult result = mvc.perform(post("/api/clinic-policy")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"our own rules\", \"rules\": %s}".formatted(rules))
                        .with(Staff.admin(clinicId).basic()))
                .andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
    }

    private MockHttpServletRequestBuilder command(String path, String body) {
        return as(clinic, path, body);
    }

    private static MockHttpServletRequestBuilder as(String clinicId, String path, String body) {
        return post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(Staff.practitioner(clinicId).basic());
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        if (body.has("sessionId")) {
            sessions.computeIfAbsent(body.path("clientId").asText(), c -> new ArrayList<>())
                    .add(body.path("sessionId").asText());
        }
        return body;
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode query(String path) throws Exception {
        return read(get(path).with(Staff.practitioner(clinic).basic()));
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode overview() throws Exception {
        return read(get("/api/clinic-overview?size=500")
                .with(Staff.practitioner(clinic).basic()));
    }

    private List<String> flaggedClients() throws Exception {
        List<String> ids = new ArrayList<>();
        read(get("/api/risk-flags?size=500").with(Staff.practitioner(clinic).basic()))
                .at("/flags/items")
                .forEach(f -> ids.add(f.path("clientId").asText()));
        return ids;
    }

    private JsonNode flag(String client) throws Exception {
        return find(
                read(get("/api/risk-flags?size=500")
                                .with(Staff.practitioner(clinic).basic()))
                        .at("/flags/items"),
                client);
    }

    private static JsonNode find(JsonNode items, String clientId) {
        for (JsonNode item : items) {
            if (item.path("clientId").asText().equals(clientId)) {
                return item;
            }
        }
        return null;
    }

    /** The end of the fifth working day (Monday to Friday, UTC) after the day the reaction was observed. */
    private static Instant fiveWorkingDaysAfter(Instant observed) {
        LocalDate day = LocalDate.ofInstant(observed, ZoneOffset.UTC);
        int left = 5;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** An instant after everything recorded so far and before anything recorded next. */
    private static Instant mark() throws InterruptedException {
        Thread.sleep(5);
        Instant mark = Instant.now();
        Thread.sleep(5);
        return mark;
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }
}
