package org.smpledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.domain.treatment.RegisterClient;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.springframework.beans.factory.annotation.Autowired;
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

/** Bad input over HTTP: always a 4xx problem naming what is wrong, and nothing stored. The server's clock stands at {@link #NOW}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CommandApiHardeningTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant DAY_ZERO = NOW.minus(Duration.ofDays(60));

    @TestConfiguration
    static class ServerClock {
        @Bean
        @Primary
        Clock serverClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("hardening"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-hardening")::toString);
        Staff.register(registry, "clinic-north");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;

    private static String at(long days, long hours) {
        return DAY_ZERO.plus(Duration.ofDays(days))
                .plus(Duration.ofHours(hours))
                .toString();
    }

    private MockHttpServletRequestBuilder command(String path, String body) {
        return command(Staff.practitioner("clinic-north"), path, body);
    }

    private static MockHttpServletRequestBuilder command(Staff.Member member, String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body).with(member.basic());
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        return ApiResponses.problem(mvc, json, request, status);
    }

    private List<String> stored(String streamId) {
        return eventStore
                .readEvents(streamId)
                .asStream()
                .map(DomainEventMessage::getPayloadType)
                .map(Class::getSimpleName)
                .toList();
    }

    private String lot(String brand) throws Exception {
        return created(command("/api/pigment-lots", """
                {"brand": "%s", "shade": "dark brown", "batchNumber": "B-1", "expiresOn": "2099-12-31", "reachLabelled": true,
                 "receivedAt": "%s"}""".formatted(brand, at(0, 0))))
                .path("lotId")
                .asText();
    }

    private String client() throws Exception {
        return created(command("/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(at(1, 0))))
                .path("clientId")
                .asText();
    }

    @Test
    void aLotIdUsedAsAClientIdIsAnUnknownClient() throws Exception {
        String lotId = lot("InkCo");
        JsonNode unknown = problem(command("/api/clients/" + lotId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(at(1, 2))), 404);
        assertThat(unknown.path("type").asText()).isEqualTo("urn:smp-ledger:problem:not-found");
        assertThat(unknown.path("detail").asText()).isEqualTo("No record " + lotId + " in this clinic.");
        assertThat(stored(lotId)).containsExactly("PigmentLotReceived");
    }

    @Test
    void aLotCannotBeReceivedUnderAClientsId() throws Exception {
        String clientId = client();
        JsonNode taken = problem(command("/api/pigment-lots", """
                {"lotId": "%s", "brand": "InkCo", "shade": "black", "batchNumber": "B-2",
                 "expiresOn": "2099-12-31"}""".formatted(clientId)), 409);
        assertThat(taken.path("rule").asText()).isEqualTo("lot-id-in-use");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    @Test
    void aClientIdUsedAsALotIdIsAnUnknownLot() throws Exception {
        String clientId = client();
        JsonNode unknown = problem(
                command(
                        Staff.admin("clinic-north"),
                        "/api/pigment-lots/" + clientId + "/recall",
                        "{\"reason\": \"contamination\"}"),
                404);
        assertThat(unknown.path("type").asText()).isEqualTo("urn:smp-ledger:problem:not-found");
        assertThat(unknown.path("detail").asText()).isEqualTo("No record " + clientId + " in this clinic.");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    /** Registered, screened (with the given findings), consented, consulted (with the given scars), negative patch test with the lot. */
    private String readyClient(String lotId, String findings, String scars) throws Exception {
        String clientId = client();
        String base = "/api/clients/" + clientId;
        created(command(base + "/consultations", """
                {"heldAt": "%s", "hairLoss": {"scale": "NORWOOD", "grade": "V"}, "alopeciaType": "ANDROGENETIC",
                 "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"}, "scars": [%s]}""".formatted(at(1, 1), scars)));
        created(command(base + "/screenings", """
                {"screenedAt": "%s", "findings": [%s]}""".formatted(at(1, 2), findings)));
        created(command(base + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "consents/1.pdf"}""".formatted(at(1, 3))));
        created(command(base + "/patch-tests", """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s",
                 "result": "NEGATIVE"}""".formatted(lotId, at(2, 0), at(4, 0))));
        return clientId;
    }

    private static String session(String lotId, String zone, String start, String end, String density) {
        return """
                {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "%s", "densityAddedFraction": %s, "needleCount": 3,
                 "needleDiameterMm": 0.25, "pigments": [{"lotId": "%s",
                  "dilutionWaterParts": 20}]}]}""".formatted(start, end, zone, density, lotId);
    }

    private String sessionId(String clientId, String lotId) throws Exception {
        return created(command(
                        "/api/clients/" + clientId + "/sessions",
                        session(lotId, "CROWN", at(10, 9), at(10, 12), "0.3")))
                .path("eventId")
                .asText();
    }

    @Test
    void aCorrectionWithoutAValueIsRefusedNamingTheChange() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        String eventId = sessionId(clientId, lotId);
        JsonNode refused = problem(command("/api/clients/" + clientId + "/corrections", """
                {"correctedEventId": "%s", "reason": "typo", "changes": {"notes": null}}""".formatted(eventId)), 400);
        assertThat(refused.path("errors").findValuesAsText("field")).anyMatch(field -> field.startsWith("changes"));
        assertThat(refused.path("detail").asText()).contains("changes");
        assertThat(stored(clientId)).hasSize(6);
    }

    @Test
    void correctionKeysThatAreNoFieldPathAreRefusedAt400() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        String eventId = sessionId(clientId, lotId);
        for (String key :
                List.of("zoneWork[99999999999].densityAddedFraction", "$where", "zoneWork[0]..notes", "notes.")) {
            JsonNode refused =
                    problem(command("/api/clients/" + clientId + "/corrections", """
                    {"correctedEventId": "%s", "reason": "typo", "changes": {"%s": "0.3"}}""".formatted(eventId, key)), 400);
            assertThat(refused.path("errors").findValuesAsText("message"))
                    .as(key)
                    .contains("must be a field path such as zoneWork[0].densityAddedFraction");
        }
        assertThat(stored(clientId)).hasSize(6);
    }

    @Test
    void aCorrectionOfAZoneTheSessionDoesNotHaveIsRefusedNamingTheKey() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        String eventId = sessionId(clientId, lotId);
        JsonNode refused = problem(command("/api/clients/" + clientId + "/corrections", """
                {"correctedEventId": "%s", "reason": "typo",
                 "changes": {"zoneWork[999].densityAddedFraction": "0.3"}}""".formatted(eventId)), 422);
        assertThat(refused.path("rule").asText()).isEqualTo("correction-value-invalid");
        assertThat(refused.at("/numbers/field").asText()).isEqualTo("zoneWork[999].densityAddedFraction");
        assertThat(stored(clientId)).hasSize(6);
    }

    @Test
    void aConsentSignedTomorrowIsRefusedNamingTheTime() throws Exception {
        String clientId = client();
        JsonNode refused = problem(
                command("/api/clients/" + clientId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(NOW.plus(Duration.ofDays(1)))), 400);
        assertThat(refused.at("/errors/0/field").asText()).isEqualTo("signedAt");
        assertThat(refused.at("/errors/0/message").asText()).isEqualTo("must not be in the future");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    @Test
    void aSenderWhoseClockRunsFourMinutesAheadIsStillRecorded() throws Exception {
        String clientId = client();
        created(command("/api/clients/" + clientId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(NOW.plus(Duration.ofMinutes(4)))));
        JsonNode refused = problem(
                command("/api/clients/" + clientId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(NOW.plus(Duration.ofMinutes(6)))), 400);
        assertThat(refused.at("/errors/0/field").asText()).isEqualTo("signedAt");
        assertThat(stored(clientId)).containsExactly("ClientRegistered", "ConsentSigned");
    }

    @Test
    void aSessionEndingInTheFutureAndALotReceivedTomorrowAreRefused() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        JsonNode session = problem(
                command(
                        "/api/clients/" + clientId + "/sessions",
                        session(
                                lotId,
                                "CROWN",
                                NOW.minus(Duration.ofHours(1)).toString(),
                                NOW.plus(Duration.ofHours(2)).toString(),
                                "0.3")),
                400);
        assertThat(session.path("errors").findValuesAsText("field")).containsExactly("endedAt");
        JsonNode receipt = problem(command("/api/pigment-lots", """
                {"brand": "InkCo", "shade": "black", "batchNumber": "B-3", "expiresOn": "2099-12-31",
                 "receivedAt": "%s"}""".formatted(NOW.plus(Duration.ofDays(1)))), 400);
        assertThat(receipt.at("/errors/0/field").asText()).isEqualTo("receivedAt");
        assertThat(stored(clientId)).hasSize(5);
    }

    @Test
    void aClientBornTomorrowIsRefused() throws Exception {
        JsonNode refused = problem(
                command("/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "%s"}}""".formatted(
                                NOW.plus(Duration.ofDays(1)).toString().substring(0, 10))),
                400);
        assertThat(refused.at("/errors/0/field").asText()).isEqualTo("personalDetails.dateOfBirth");
    }

    @Test
    void aNegativeDensityIsRefusedNamingTheField() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        JsonNode refused = problem(
                command(
                        "/api/clients/" + clientId + "/sessions",
                        session(lotId, "CROWN", at(10, 9), at(10, 12), "-0.2")),
                400);
        assertThat(refused.path("errors").findValuesAsText("field"))
                .containsExactly("zoneWork[0].densityAddedFraction");
        assertThat(stored(clientId)).hasSize(5);
    }

    @Test
    void aSessionWithMoreZoneEntriesThanTheLimitIsRefused() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "");
        String one = """
                {"zone": "CROWN", "densityAddedFraction": 0.001, "needleCount": 3, "needleDiameterMm": 0.25,
                 "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}""".formatted(lotId);
        String body = """
                {"startedAt": "%s", "endedAt": "%s",
                 "zoneWork": [%s]}""".formatted(at(10, 9), at(10, 12), String.join(",", Collections.nCopies(51, one)));
        JsonNode refused = problem(command("/api/clients/" + clientId + "/sessions", body), 400);
        assertThat(refused.path("errors").findValuesAsText("field")).containsExactly("zoneWork");
        assertThat(stored(clientId)).hasSize(5);
    }

    @Test
    void notesAndDescriptionsLongerThanFourThousandCharactersAreRefused() throws Exception {
        String clientId = client();
        JsonNode refused = problem(
                command("/api/clients/" + clientId + "/adverse-reactions", """
                {"kind": "ALLERGIC", "severity": "MILD", "description": "%s"}""".formatted("x".repeat(4001))), 400);
        assertThat(refused.at("/errors/0/field").asText()).isEqualTo("description");
        JsonNode notes = problem(
                command("/api/clients/" + clientId + "/touch-up-requests", """
                {"reason": "FADING", "zones": ["CROWN"], "notes": "%s"}""".formatted("x".repeat(4001))), 400);
        assertThat(notes.path("errors").findValuesAsText("field")).containsExactly("notes");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    @Test
    void aBodyLargerThanTheLimitAnswers413() throws Exception {
        String clientId = client();
        JsonNode refused = problem(
                command("/api/clients/" + clientId + "/adverse-reactions", """
                {"kind": "ALLERGIC", "severity": "MILD", "description": "x", "padding": "%s"}""".formatted("x".repeat(300 * 1024))), 413);
        assertThat(refused.path("type").asText()).isEqualTo("urn:smp-ledger:problem:body-too-large");
        assertThat(refused.path("maxBytes").asLong()).isEqualTo(256 * 1024);
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    @Test
    void aSessionOnAYoungScarIsRefusedOverHttp() throws Exception {
        String lotId = lot("InkCo");
        String clientId = readyClient(lotId, "", "{\"kind\": \"FUT_STRIP\", \"zone\": \"DONOR\", \"ageInMonths\": 4}");
        JsonNode refused = problem(
                command(
                        "/api/clients/" + clientId + "/sessions",
                        session(lotId, "DONOR", at(10, 9), at(10, 12), "0.3")),
                422);
        assertThat(refused.path("rule").asText()).isEqualTo("scar-too-young");
        assertThat(refused.at("/numbers/minimumMonths").asInt()).isEqualTo(9);
        assertThat(stored(clientId)).hasSize(5);
    }

    @Test
    void aSessionDespiteAnAbsoluteContraindicationIsRefusedOverHttp() throws Exception {
        String lotId = lot("InkCo");
        String clientId =
                readyClient(lotId, "{\"contraindication\": \"BLOOD_THINNERS\", \"severity\": \"ABSOLUTE\"}", "");
        JsonNode refused = problem(
                command(
                        "/api/clients/" + clientId + "/sessions",
                        session(lotId, "CROWN", at(10, 9), at(10, 12), "0.3")),
                422);
        assertThat(refused.path("rule").asText()).isEqualTo("contraindication-unresolved");
        assertThat(refused.at("/numbers/contraindication").asText()).isEqualTo("BLOOD_THINNERS");
        assertThat(stored(clientId)).hasSize(5);
    }

    @Autowired
    CommandBus commandBus;

    @Autowired
    EventStorageEngine storage;

    /**
     * A registration retried by its sender reaches another node, which records it first: this
     * node's append of the new stream meets that one, is sent again, and answers as the first did.
     */
    @Test
    void aRegistrationAnotherNodeRecordedFirstAnswersAsTheFirstTime() throws Exception {
        AtomicReference<String> otherNodesEvent = new AtomicReference<>();
        Registration interleaving = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if ("race-registration".equals(command.getMetaData().get("correlationId"))
                    && otherNodesEvent.compareAndSet(null, UUID.randomUUID().toString())) {
                RegisterClient register = (RegisterClient) command.getPayload();
                unitOfWork.onPrepareCommit(u -> storage.appendEvents(new GenericDomainEventMessage<>(
                        "TreatmentRecord",
                        register.clientId(),
                        0,
                        new ClientRegistered(
                                register.clientId(),
                                register.clinicId(),
                                register.personalDetails(),
                                register.registeredAt()),
                        command.getMetaData(),
                        otherNodesEvent.get(),
                        NOW)));
            }
            return chain.proceed();
        });
        try {
            JsonNode registered = created(command("/api/clients", """
                    {"personalDetails": {"fullName": "Kim Race", "dateOfBirth": "1990-01-01"}}""")
                    .header("Idempotency-Key", "race-" + UUID.randomUUID())
                    .header("X-Correlation-Id", "race-registration"));
            assertThat(registered.path("eventId").asText()).isEqualTo(otherNodesEvent.get());
            assertThat(registered.path("streamVersion").asLong()).isZero();
            assertThat(stored(registered.path("clientId").asText())).containsExactly("ClientRegistered");
        } finally {
            interleaving.cancel();
        }
    }

    /** Another node writing to the same client between this node's read and its append, on every try. */
    @Test
    void aConcurrentWriteToTheSameClientAnswers409() throws Exception {
        String clientId = client();
        ConsentSigned otherNodes = new ConsentSigned(clientId, "consent-other-node", NOW, "v3", "other.pdf", null);
        Registration interleaving = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if ("race".equals(unitOfWork.getMessage().getMetaData().get("correlationId"))) {
                unitOfWork.onPrepareCommit(u -> storage.appendEvents(new GenericDomainEventMessage<>(
                        "TreatmentRecord",
                        clientId,
                        storage.lastSequenceNumberFor(clientId).orElse(-1L) + 1,
                        otherNodes)));
            }
            return chain.proceed();
        });
        try {
            JsonNode conflict = problem(
                    command("/api/clients/" + clientId + "/consents", """
                    {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(at(1, 2)))
                            .header("X-Correlation-Id", "race"),
                    409);
            assertThat(conflict.path("type").asText()).isEqualTo("urn:smp-ledger:problem:concurrent-change");
        } finally {
            interleaving.cancel();
        }
        // the other node wrote on the first try and on the retry; this request's consent was never stored
        assertThat(eventStore
                        .readEvents(clientId)
                        .asStream()
                        .<Object>map(DomainEventMessage::getPayload)
                        .skip(1)
                        .toList())
                .hasSize(2)
                // read back without its personal value (documentRef), as every reader of the store gets it
                .containsOnly(new ConsentSigned(clientId, "consent-other-node", NOW, "v3", null, null));
    }
}
