package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The service behind an identity provider: real RS256 tokens signed by a test key pair whose public
 * half the service fetches as a JWK set. Only a token that is signed by the provider's key, issued by
 * the configured issuer for the service's audience, within its validity and naming a clinic is admitted;
 * its user, clinic and roles are who records the events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
class BearerTokenSignInTest {

    static final TestIdentityProvider idp = start();

    private static TestIdentityProvider start() {
        try {
            return new TestIdentityProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("jwt"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-jwt")::toString);
        registry.add("smp.security.jwt.jwk-set-uri", idp::jwkSetUri);
        registry.add("smp.security.jwt.issuer", () -> TestIdentityProvider.ISSUER);
        registry.add("smp.security.jwt.audience", () -> TestIdentityProvider.AUDIENCE);
        registry.add("smp.security.jwt.user-claim", () -> "preferred_username");
        registry.add("smp.security.jwt.clock-skew", () -> "5s");
        // local users configured at the same time are not used once an identity provider is
        registry.add("smp.security.users[0].username", () -> "local-anna");
        registry.add("smp.security.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode("anything"));
        registry.add("smp.security.users[0].clinic", () -> "clinic-north");
        registry.add("smp.security.users[0].roles", () -> "practitioner");
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;

    private MvcResult riskFlags(String token) throws Exception {
        return mvc.perform(get("/api/risk-flags").header("Authorization", "Bearer " + token))
                .andReturn();
    }

    private int status(String token) throws Exception {
        return riskFlags(token).getResponse().getStatus();
    }

    @Test
    void aValidTokenIsAdmittedAndOnlyItTheOthersAnswerTheSame401() throws Exception {
        JWTClaimsSet.Builder valid = TestIdentityProvider.claims("anna", "clinic-north", "practitioner");
        Instant now = Instant.now();
        Map<String, String> refused = Map.of(
                "expired",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .expirationTime(Date.from(now.minusSeconds(120)))),
                "not yet valid",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .notBeforeTime(Date.from(now.plusSeconds(600)))),
                "wrong issuer",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .issuer("https://evil.test/realms/smp")),
                "wrong audience",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .audience("another-service")),
                "bad signature",
                idp.signedByStranger(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")),
                "alg none",
                TestIdentityProvider.unsigned(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")),
                "missing clinic claim",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .claim("clinic_id", null)),
                "HS256 with the public key as secret",
                idp.signedWithPublicKeyAsSecret(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")),
                "no expiry",
                idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner")
                        .expirationTime(null)));

        assertThat(status(idp.signed(valid))).as("valid").isEqualTo(200);
        String expectedBody = null;
        for (Map.Entry<String, String> token : refused.entrySet()) {
            MvcResult result = riskFlags(token.getValue());
            assertThat(result.getResponse().getStatus()).as(token.getKey()).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
            String body = result.getResponse().getContentAsString();
            if (expectedBody == null) {
                expectedBody = body;
            }
            assertThat(body)
                    .as(token.getKey() + ": the same answer whatever is wrong")
                    .isEqualTo(expectedBody);
        }
        assertThat(mvc.perform(get("/api/risk-flags")).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        assertThat(mvc.perform(get("/api/risk-flags")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.httpBasic("local-anna", "anything")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("no HTTP Basic once an identity provider signs users in")
                .isEqualTo(401);
    }

    @Test
    void theTokensUserClinicAndRoleAreWhoRecordsTheEventWhateverTheHeadersClaim() throws Exception {
        String token = idp.signed(TestIdentityProvider.claims("anna", "clinic-north", "practitioner", "auditor"));
        MockHttpServletRequestBuilder register = post("/api/clients")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"personalDetails\": {\"fullName\": \"Tok En\", \"dateOfBirth\": \"1990-02-03\"}}")
                .header("Authorization", "Bearer " + token)
                .header("X-Clinic-Id", "clinic-south")
                .header("X-Actor-Id", "mallory")
                .header("X-Actor-Role", "clinic-admin");
        MvcResult result = mvc.perform(register).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(201);
        String clientId = json.readTree(result.getResponse().getContentAsString())
                .path("clientId")
                .asText();

        List<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(clientId).asStream().toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData())
                .containsEntry(EventMetadata.ACTOR_ID, "anna")
                .containsEntry(EventMetadata.CLINIC_ID, "clinic-north")
                .containsEntry(EventMetadata.ACTOR_ROLE, "practitioner")
                .containsEntry(EventMetadata.AUTHENTICATED_BY, TestIdentityProvider.ISSUER);
    }

    @Test
    void aTokenWithoutAnyOfTheServicesRolesIsAuthenticatedButAdmittedNowhere() throws Exception {
        String token = idp.signed(TestIdentityProvider.claims("guest", "clinic-north", "offline_access", "uma"));
        MvcResult result = riskFlags(token);
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:smp-ledger:problem:forbidden");
    }

    @Test
    void aRolesClaimOfSpaceSeparatedNamesIsReadToo() throws Exception {
        String token = idp.signed(claims -> claims.claim("roles", "analyst auditor"), "ben", "clinic-north");
        assertThat(status(token)).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentAsksForABearerToken() throws Exception {
        JsonNode api = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        assertThat(api.at("/components/securitySchemes/bearerAuth/scheme").asText())
                .isEqualTo("bearer");
        assertThat(api.at("/paths/~1api~1risk-flags/get/security/0").has("bearerAuth"))
                .isTrue();
    }
}
