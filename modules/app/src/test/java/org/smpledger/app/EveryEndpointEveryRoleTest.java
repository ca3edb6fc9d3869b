package org.smpledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smpledger.app.security.Role;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.treatmentlog.TreeBuilding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every operation of the published OpenAPI document, called by every role of one clinic on that
 * clinic's records and on another clinic's, and anonymously. A role the operation's {@code x-roles}
 * does not list gets 403, an anonymous caller 401, an admitted role its success status on its own
 * clinic's records and, on another clinic's, exactly the 404 of an unknown record; no answer
 * to a caller ever holds anything of the other clinic (its id, its clients', lots' and users' ids,
 * its clients' names, birth dates and contacts), and no answer to an analyst holds any client's
 * name, birth date or contact. A new endpoint without a request here fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryEndpointEveryRoleTest {

    private static final String NORTH = "clinic-north";
    private static final String SOUTH = "clinic-south";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("matrix"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-matrix")::toString);
        registry.add("smp.projections.replay-check-interval", () -> "20ms");
        Staff.register(registry, NORTH, SOUTH);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionProcessors processors;

    @Autowired
    TreeBuilding treeBuilding;

    private long checkpointSize;

    private Records north;
    private Records south;

    /** How to call one operation against a clinic's records, and what it answers when admitted. */
    private record Call(int success, boolean changesRecords, Function<Target, MockHttpServletRequestBuilder> request) {}

    /** The records a call names: {@code fresh} when the call changes them (an admitted caller on its own clinic). */
    private record Target(Records records, boolean fresh) {}

    private final Map<String, Call> calls = new LinkedHashMap<>();

    /** The other clinic's ids this clinic's staff have sent: the access log shows a clinic what its own staff asked for. */
    private final Set<String> sentByCallers = new TreeSet<>();

    @BeforeAll
    void recordTwoClinics() throws Exception {
        north = new Records(NORTH, "Nora Northwood", "1953-07-19", "nora.northwood@example.test", "+44 7700 900111");
        south = new Records(SOUTH, "Solveig Southby", "1948-11-02", "solveig.southby@example.test", "+44 7700 900222");
        north.adoptPolicy(14);
        south.adoptPolicy(21);
        caughtUp();
        for (Records clinic : List.of(north, south)) {
            assertThat(flaggedClients(clinic))
                    .as("the risk flags of " + clinic.clinic
                            + " name its own flagged client, so the test can see a leak")
                    .containsExactly(clinic.clientId);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> treeBuilding.lag().orElse(1) == 0);
        checkpointSize = treeBuilding.checkpoint().checkpoint().size();
        defineCalls();
    }

    private void defineCalls() {
        command("POST /api/clients", t -> "/api/clients", t -> Records.newcomer());
        command("POST /api/clients/{clientId}/consultations", t -> client(t) + "/consultations", t ->
                """
                {"heldAt": "%s", "hairLoss": {"scale": "NORWOOD", "grade": "V"}, "alopeciaType": "ANDROGENETIC",
                 "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"}, "scars": [], "goals": "shaved look"}""".formatted(day(-29)));
        command(
                "POST /api/clients/{clientId}/screenings",
                t -> client(t) + "/screenings",
                t -> "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(day(-29)));
        command(
                "POST /api/clients/{clientId}/consents",
                t -> client(t) + "/consents",
                t -> "{\"signedAt\": \"%s\", \"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}".formatted(day(-29)));
        command("POST /api/clients/{clientId}/patch-tests", t -> client(t) + "/patch-tests", t ->
                """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                 "result": "NEGATIVE"}""".formatted(t.records.lotId, day(-20), day(-18)));
        command(
                "POST /api/clients/{clientId}/hairline-designs",
                t -> client(t) + "/hairline-designs",
                t -> "{\"designedAt\": \"%s\", \"style\": \"soft\", \"plannedZones\": [\"CROWN\"]}"
                        .formatted(day(-19)));
        command(
                "POST /api/clients/{clientId}/sessions",
                t -> (t.fresh ? "/api/clients/" + t.records.readyClient() : client(t)) + "/sessions",
                t -> Records.session(t.records.lotId, day(-10)));
        command("POST /api/clients/{clientId}/aftercare", t -> sessionPath(t, "/aftercare"), t ->
                """
                {"sessionId": "%s", "issuedAt": "%s", "writtenCopyGiven": true}""".formatted(t.records.lastSessionId, day(-9)));
        command("POST /api/clients/{clientId}/healing-assessments", t -> sessionPath(t, "/healing-assessments"), t ->
                """
                {"sessionId": "%s", "assessedAt": "%s", "outcome": "AS_EXPECTED",
                 "observations": []}""".formatted(t.records.lastSessionId, day(-3)));
        command("POST /api/clients/{clientId}/adverse-reactions", t -> client(t) + "/adverse-reactions", t ->
                """
                {"observedAt": "%s", "kind": "EXCESSIVE_SWELLING", "severity": "MILD", "lotIds": ["%s"],
                 "description": "swelling"}""".formatted(day(-9), t.records.lotId));
        command("POST /api/clients/{clientId}/treatment-plans", t -> client(t) + "/treatment-plans", t ->
                """
                {"plannedAt": "%s", "plannedSessions": 3, "targets": [{"zone": "CROWN", "targetDensity": 1.0}],
                 "factors": [{"kind": "SKIN_TYPE", "note": "Fitzpatrick III"}]}""".formatted(day(-29)));
        command(
                "POST /api/clients/{clientId}/course-completions",
                t -> sessionPath(t, "/course-completions"),
                t -> "{\"completedAt\": \"%s\"}".formatted(day(-5)));
        command(
                "POST /api/clients/{clientId}/adverse-reactions/{reactionId}/authority-reports",
                t -> t.fresh
                        ? t.records.freshReaction() + "/authority-reports"
                        : "/api/clients/" + t.records.clientId + "/adverse-reactions/" + t.records.reactionId
                                + "/authority-reports",
                t -> "{\"authority\": \"Texas DSHS\", \"reference\": \"TX-1\"}");
        command("POST /api/clients/{clientId}/touch-up-requests", t -> sessionPath(t, "/touch-up-requests"), t ->
                """
                {"requestedAt": "%s", "reason": "FADING", "zones": ["CROWN"]}""".formatted(day(-1)));
        command("POST /api/clients/{clientId}/corrections", t -> client(t) + "/corrections", t ->
                """
                {"correctedEventId": "%s", "reason": "typo in the name",
                 "personalDetails": %s}""".formatted(t.records.current(t.fresh), t.records.details()));
        command(
                "POST /api/clients/{clientId}/erasure",
                t -> client(t) + "/erasure",
                t -> "{\"reason\": \"CLIENT_REQUEST\", \"legalBasis\": \"GDPR Art. 17(1)(a)\","
                        + " \"overrideLegalBasis\": \"test: retention does not apply\"}");
        command("POST /api/pigment-lots", t -> "/api/pigment-lots", t -> Records.receipt());
        command(
                "POST /api/pigment-lots/{lotId}/recall",
                t -> "/api/pigment-lots/" + (t.fresh ? t.records.freshLot() : t.records.lotId) + "/recall",
                t -> "{\"reason\": \"contamination\"}");
        command(
                "POST /api/clinic-policy",
                t -> "/api/clinic-policy",
                t ->
                        "{\"reason\": \"a week between sessions\", \"rules\": {\"sessions\": {\"minimumDaysBetween\": 7}}}");

        query("GET /api/clients/{clientId}/timeline", t -> client(t) + "/timeline");
        query("GET /api/clients/{clientId}/risk", t -> client(t) + "/risk");
        query("GET /api/clients/{clientId}/events", t -> client(t) + "/events");
        query("GET /api/clients/{clientId}/personal-details", t -> client(t) + "/personal-details");
        query("GET /api/clients/{clientId}/access-log", t -> client(t) + "/access-log");
        query("GET /api/pigment-lots/{lotId}/clients", t -> "/api/pigment-lots/" + t.records.lotId + "/clients");
        query("GET /api/risk-flags", t -> "/api/risk-flags");
        query("GET /api/clinic-overview", t -> "/api/clinic-overview");
        query("GET /api/access-log", t -> "/api/access-log");
        query("GET /api/clinic-policy", t -> "/api/clinic-policy");
        query("GET /api/clinic-policy/history", t -> "/api/clinic-policy/history");
        query("GET /api/clinic-policy/versions/{version}", t -> "/api/clinic-policy/versions/1");
        query("GET /api/admin/projections", t -> "/api/admin/projections");
        query("GET /api/admin/projections/{name}", t -> "/api/admin/projections/timeline");
        query("GET /api/admin/users", t -> "/api/admin/users");
        query("GET /api/audit/log-key", t -> "/api/audit/log-key");
        query("GET /api/audit/checkpoints/latest", t -> "/api/audit/checkpoints/latest");
        query("GET /api/audit/checkpoints/{size}", t -> "/api/audit/checkpoints/" + checkpointSize);
        query("GET /api/audit/proofs/inclusion", t -> "/api/audit/proofs/inclusion?position=1&size=" + checkpointSize);
        query("GET /api/audit/proofs/consistency", t -> "/api/audit/proofs/consistency?from=1&to=" + checkpointSize);
        query("GET /api/audit/verify", t -> "/api/audit/verify");
        query("GET /api/retention/due", t -> "/api/retention/due");
        calls.put(
                "POST /api/retention/erasures",
                new Call(
                        200,
                        false,
                        t -> request(HttpMethod.POST, "/api/retention/erasures")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"dryRun\": true}")));
        calls.put(
                "POST /api/admin/projections/{name}/replay",
                new Call(202, false, t -> request(HttpMethod.POST, "/api/admin/projections/risk/replay")));
        calls.put(
                "POST /api/admin/users/{username}/unlock",
                new Call(
                        204,
                        false,
                        t -> request(
                                HttpMethod.POST,
                                "/api/admin/users/"
                                        + Staff.practitioner(t.records.clinic).username() + "/unlock")));
    }

    @Test
    void everyOperationAnswersEveryRoleOfEitherClinicAndAnonymousAsItsRolesSayAndShowsNothingOfTheOtherClinic()
            throws Exception {
        JsonNode api = json.readTree(mvc.perform(request(HttpMethod.GET, "/v3/api-docs"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        Set<String> documented = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations =
                            path.getValue().fields();
                    operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String key = operation.getKey().toUpperCase() + " " + path.getKey();
                documented.add(key);
                JsonNode roles = operation.getValue().path("x-roles");
                assertThat(roles.isArray() && !roles.isEmpty())
                        .as(key + " declares its roles")
                        .isTrue();
                assertThat(operation.getValue().path("security"))
                        .as(key + " asks for credentials")
                        .isNotEmpty();
                Call call = calls.get(key);
                if (call == null) {
                    fail(key + " is in the OpenAPI document but this test has no request for it: add one");
                }
                Set<Role> admitted = EnumSet.noneOf(Role.class);
                roles.forEach(role -> admitted.add(Role.named(role.asText()).orElseThrow()));
                check(key, call, admitted, failures);
            }
        }
        assertThat(documented).as("every call here is a documented operation").containsAll(calls.keySet());
        assertThat(failures).isEmpty();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(33);
    }

    /**
     * The operational endpoints outside the OpenAPI document: metrics for clinic-admins only, health
     * to everyone but its components only to clinic-admins, and the error path never answered
     * directly.
     */
    @Test
    void actuatorAndTheErrorPathAnswerEveryRoleAndAnonymousAsDocumented() throws Exception {
        List<String> failures = new ArrayList<>();
        // (the Prometheus endpoint needs the observability a test context leaves out; it is guarded like these)
        for (String path : List.of("/actuator/metrics", "/actuator/info")) {
            expect(failures, path + " anonymous", mvc.perform(get(path)).andReturn(), 401, null);
            for (Role role : Role.values()) {
                Staff.Member caller = Staff.of(role, NORTH);
                MvcResult result = mvc.perform(get(path).with(caller.basic())).andReturn();
                int expected = role == Role.CLINIC_ADMIN ? 200 : 403;
                assertThat(result.getResponse().getStatus())
                        .as(path + " " + role)
                        .isEqualTo(expected);
                if (expected == 403) {
                    expect(failures, path + " " + role, result, 403, caller);
                }
            }
        }
        JsonNode anonymousHealth = json.readTree(
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString());
        assertThat(anonymousHealth.path("status").asText()).isEqualTo("UP");
        assertThat(anonymousHealth.has("components"))
                .as("anonymous health shows components")
                .isFalse();
        for (Role role : Role.values()) {
            JsonNode health = json.readTree(mvc.perform(
                            get("/actuator/health").with(Staff.of(role, NORTH).basic()))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(health.has("components"))
                    .as("health shows its components to " + role)
                    .isEqualTo(role == Role.CLINIC_ADMIN);
        }
        expect(failures, "/error anonymous", mvc.perform(get("/error")).andReturn(), 401, null);
        for (Role role : Role.values()) {
            Staff.Member caller = Staff.of(role, NORTH);
            expect(
                    failures,
                    "/error " + role,
                    mvc.perform(get("/error").with(caller.basic())).andReturn(),
                    403,
                    caller);
        }
        assertThat(failures).isEmpty();
    }

    private void check(String key, Call call, Set<Role> admitted, List<String> failures) throws Exception {
        MvcResult anonymous =
                mvc.perform(call.request.apply(new Target(north, false))).andReturn();
        expect(failures, key + " anonymous", anonymous, 401, null);
        for (Role role : Role.values()) {
            Staff.Member caller = Staff.of(role, NORTH);
            boolean admits = admitted.contains(role);
            MvcResult own = mvc.perform(call.request
                            .apply(new Target(north, admits && call.changesRecords))
                            .with(caller.basic()))
                    .andReturn();
            expect(failures, key + " " + role + " own clinic", own, admits ? call.success : 403, caller);
            MockHttpServletRequestBuilder onOther = call.request.apply(new Target(south, false));
            MvcResult other = mvc.perform(onOther.with(caller.basic())).andReturn();
            String otherId = otherClinicsId(other);
            sentByCallers.addAll(otherClinicsIds(other));
            int expected = !admits ? 403 : otherId != null ? 404 : call.success;
            expect(failures, key + " " + role + " other clinic's records", other, expected, caller);
            if (admits && otherId != null && other.getResponse().getStatus() == 404) {
                sameAsUnknown(failures, key + " " + role, other, otherId, caller);
            }
        }
    }

    /** The other clinic's id a request names in its path (null when it names none of the other clinic's). */
    private String otherClinicsId(MvcResult result) {
        List<String> named = otherClinicsIds(result);
        return named.isEmpty() ? null : named.get(0);
    }

    /** Every id of the other clinic's records a request names in its path (a client and its reaction, ...). */
    private List<String> otherClinicsIds(MvcResult result) {
        String uri = result.getRequest().getRequestURI();
        return south.ids().stream()
                .filter(id -> uri.contains("/" + id + "/") || uri.endsWith("/" + id))
                .toList();
    }

    /** The answer for another clinic's record is the answer for an id that does not exist. */
    private void sameAsUnknown(List<String> failures, String what, MvcResult other, String otherId, Staff.Member caller)
            throws Exception {
        String unknownId = "unknown-" + UUID.randomUUID();
        MockHttpServletRequestBuilder unknownRequest = request(
                        HttpMethod.valueOf(other.getRequest().getMethod()),
                        other.getRequest().getRequestURI().replace(otherId, unknownId))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        other.getRequest().getContentAsString() == null
                                ? ""
                                : other.getRequest().getContentAsString())
                .with(caller.basic());
        MvcResult unknown = mvc.perform(unknownRequest).andReturn();
        JsonNode a = json.readTree(other.getResponse().getContentAsString());
        JsonNode b = json.readTree(unknown.getResponse().getContentAsString());
        String aText = a.toString().replace(otherId, "ID");
        String bText = b.toString().replace(unknownId, "ID");
        if (unknown.getResponse().getStatus() != 404 || !aText.equals(bText)) {
            failures.add(what + ": another clinic's record answers " + aText + " but an unknown one " + bText);
        }
    }

    private void expect(List<String> failures, String what, MvcResult result, int status, Staff.Member caller)
            throws Exception {
        int actual = result.getResponse().getStatus();
        String body = result.getResponse().getContentAsString();
        if (actual != status) {
            failures.add(what + ": expected " + status + ", got " + actual + " " + body);
            return;
        }
        if (status >= 400
                && !String.valueOf(result.getResponse().getContentType()).startsWith("application/problem+json")) {
            failures.add(what + ": a refusal that is not problem+json");
        }
        if (caller == null) {
            return;
        }
        String visible = body;
        for (String named : otherClinicsIds(result)) {
            visible = visible.replace(named, "");
        }
        if (result.getRequest().getRequestURI().endsWith("/access-log")) {
            for (String sent : sentByCallers) {
                visible = visible.replace(sent, "");
            }
        }
        for (String marker : south.markers()) {
            if (visible.contains(marker)) {
                failures.add(what + ": the answer holds '" + marker + "' of the other clinic: " + body);
            }
        }
        if (caller.role() == Role.ANALYST) {
            for (Records clinic : List.of(north, south)) {
                for (String personal : clinic.personalData()) {
                    if (body.contains(personal)) {
                        failures.add(what + ": an analyst received '" + personal + "'");
                    }
                }
            }
        }
    }

    private void command(String key, Function<Target, String> path, Function<Target, String> body) {
        calls.put(
                key,
                new Call(
                        201,
                        true,
                        t -> request(HttpMethod.POST, path.apply(t))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body.apply(t))));
    }

    private void query(String key, Function<Target, String> path) {
        calls.put(key, new Call(200, false, t -> request(HttpMethod.GET, path.apply(t))));
    }

    private static String client(Target target) {
        return "/api/clients/" + target.records.lastClientId(target.fresh);
    }

    /** A path on a client with a session: a fresh one (with its session) when the call changes it. */
    private static String sessionPath(Target target, String command) {
        if (target.fresh) {
            target.records.freshSession();
        }
        return "/api/clients/" + target.records.lastSessionClient + command;
    }

    private static String day(int days) {
        return TODAY.plus(Duration.ofDays(days)).plus(Duration.ofHours(10)).toString();
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }

    private List<String> flaggedClients(Records clinic) throws Exception {
        JsonNode flags = json.readTree(mvc.perform(get("/api/risk-flags")
                        .with(Staff.of(Role.PRACTITIONER, clinic.clinic).basic()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        List<String> clients = new ArrayList<>();
        flags.findValues("clientId").forEach(id -> clients.add(id.asText()));
        return clients;
    }

    /** One clinic's records, recorded through the API by its own staff, with the values that must never leak. */
    private final class Records {

        final String clinic;
        final String fullName;
        final String dateOfBirth;
        final String email;
        final String phone;
        final String lotId;
        final String clientId;
        final String reactionId;
        String lastSessionClient;
        String lastSessionId;
        private String lastFreshClient;
        private final List<String> ids = new ArrayList<>();

        Records(String clinic, String fullName, String dateOfBirth, String email, String phone) throws Exception {
            this.clinic = clinic;
            this.fullName = fullName;
            this.dateOfBirth = dateOfBirth;
            this.email = email;
            this.phone = phone;
            this.lotId = freshLot();
            freshSession();
            this.clientId = lastSessionClient;
            // its record holds a correction of the personal details too, for the analysts' reads
            created("/api/clients/" + clientId + "/corrections", """
                    {"correctedEventId": "%s", "reason": "new phone",
                     "personalDetails": %s}""".formatted(clientId, details()), Role.PRACTITIONER);
            this.reactionId = reaction(clientId);
            // the crown's dots spread: the client is at watch, so the clinic's risk flags name someone
            created(
                    "/api/clients/" + clientId + "/healing-assessments",
                    """
                    {"sessionId": "%s", "assessedAt": "%s", "outcome": "AS_EXPECTED",
                     "observations": [{"zone": "CROWN", "observation": "BLOWOUT"}]}""".formatted(lastSessionId, day(-4)),
                    Role.PRACTITIONER);
        }

        /** The clinic's own policy: only its own staff ever see it. */
        void adoptPolicy(int minimumDaysBetween) throws Exception {
            created(
                    "/api/clinic-policy",
                    "{\"reason\": \"our healing times\", \"rules\": {\"sessions\": {\"minimumDaysBetween\": %d}}}"
                            .formatted(minimumDaysBetween),
                    Role.CLINIC_ADMIN);
        }

        private String reaction(String client) throws Exception {
            String reaction = created(
                            "/api/clients/" + client + "/adverse-reactions", """
                    {"observedAt": "%s", "kind": "EXCESSIVE_SWELLING", "severity": "MILD", "lotIds": [],
                     "description": "swelling"}""".formatted(day(-8)), Role.PRACTITIONER)
                    .path("reactionId")
                    .asText();
            ids.add(reaction);
            return reaction;
        }

        /** A fresh client with a session and an adverse reaction: the path of that reaction. */
        String freshReaction() {
            try {
                freshSession();
                return "/api/clients/" + lastSessionClient + "/adverse-reactions/" + reaction(lastSessionClient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String details() {
            return "{\"fullName\": \"%s\", \"dateOfBirth\": \"%s\", \"email\": \"%s\", \"phone\": \"%s\"}"
                    .formatted(fullName, dateOfBirth, email, phone);
        }

        String registration() {
            return "{\"personalDetails\": " + details() + ", \"registeredAt\": \"" + day(-30) + "\"}";
        }

        static String receipt() {
            return """
                    {"brand": "InkCo", "shade": "ash", "batchNumber": "B-%s", "expiresOn": "2099-12-31",
                     "receivedAt": "%s"}""".formatted(UUID.randomUUID(), day(-60));
        }

        static String session(String lot, String startedAt) {
            Instant start = Instant.parse(startedAt);
            return """
                    {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3,
                     "needleCount": 3, "needleDiameterMm": 0.25,
                     "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}]}""".formatted(start, start.plus(Duration.ofHours(2)), lot);
        }

        /** The client the call being built names: the fresh one just made, or the clinic's client with a session. */
        String current(boolean fresh) {
            return fresh ? lastFreshClient : clientId;
        }

        /** A registration that names none of the clinics' clients. */
        static String newcomer() {
            return "{\"personalDetails\": {\"fullName\": \"Pat Newcomer\", \"dateOfBirth\": \"1990-01-01\"}}";
        }

        String lastClientId(boolean fresh) {
            if (fresh) {
                try {
                    lastFreshClient = created("/api/clients", registration(), Role.PRACTITIONER)
                            .path("clientId")
                            .asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ids.add(lastFreshClient);
                return lastFreshClient;
            }
            return clientId;
        }

        String freshLot() {
            try {
                String lot = created("/api/pigment-lots", receipt(), Role.CLINIC_ADMIN)
                        .path("lotId")
                        .asText();
                ids.add(lot);
                return lot;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Registered, screened clear, consented, patch tested negative with the clinic's lot. */
        String readyClient() {
            try {
                String client = lastClientId(true);
                String base = "/api/clients/" + client;
                created(
                        base + "/screenings",
                        "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(day(-29)),
                        Role.PRACTITIONER);
                created(
                        base + "/consents",
                        "{\"signedAt\": \"%s\", \"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}"
                                .formatted(day(-29)),
                        Role.PRACTITIONER);
                created(base + "/patch-tests", """
                        {"lotId": "%s", "site": "ear", "appliedAt": "%s", "readAt": "%s",
                         "result": "NEGATIVE"}""".formatted(lotId, day(-20), day(-18)), Role.PRACTITIONER);
                return client;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A ready client with one session; remembered as the last session. */
        void freshSession() {
            try {
                String client = readyClient();
                lastSessionId = created(
                                "/api/clients/" + client + "/sessions", session(lotId, day(-10)), Role.PRACTITIONER)
                        .path("sessionId")
                        .asText();
                lastSessionClient = client;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private JsonNode created(String path, String body, Role role) throws Exception {
            MvcResult result = mvc.perform(request(HttpMethod.POST, path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .with(Staff.of(role, clinic).basic()))
                    .andReturn();
            assertThat(result.getResponse().getStatus())
                    .as(path + ": " + result.getResponse().getContentAsString())
                    .isEqualTo(201);
            return json.readTree(result.getResponse().getContentAsString());
        }

        /** Every id of this clinic's records. */
        List<String> ids() {
            List<String> all = new ArrayList<>(ids);
            for (Role role : Role.values()) {
                all.add(Staff.of(role, clinic).username());
            }
            return all;
        }

        /** What of this clinic must never reach another clinic's staff. */
        List<String> markers() {
            List<String> markers = new ArrayList<>(ids());
            markers.add(clinic);
            markers.addAll(personalData());
            return markers;
        }

        List<String> personalData() {
            return List.of(fullName, dateOfBirth, email, phone);
        }
    }
}
