package org.smpledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
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

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore eventStore;

    private static String at(long days, long hours) {
        return DAY_ZERO.plus(Duration.ofDays(days)).plus(Duration.ofHours(hours)).toString();
    }

    private MockHttpServletRequestBuilder command(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header("X-Clinic-Id", "clinic-north").header("X-Actor-Id", "pr-anna");
    }

    private JsonNode created(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at org.");
        return json.readTree(body);
    }

    private List<String> stored(String streamId) {
        return eventStore.readEvents(streamId).asStream().map(DomainEventMessage::getPayloadType).map(Class::getSimpleName).toList();
    }

    private String lot(String brand) throws Exception {
        return created(command("/api/pigment-lots", """
                {"brand": "%s", "shade": "dark brown", "batchNumber": "B-1", "expiresOn": "2099-12-31", "reachLabelled": true,
                 "receivedAt": "%s"}""".formatted(brand, at(0, 0)))).path("lotId").asText();
    }

    private String client() throws Exception {
        return created(command("/api/clients", """
                {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02"}, "registeredAt": "%s"}""".formatted(at(1, 0))))
                .path("clientId").asText();
    }

    @Test
    void aLotIdUsedAsAClientIdIsAnUnknownClient() throws Exception {
        String lotId = lot("InkCo");
        JsonNode unknown = problem(command("/api/clients/" + lotId + "/consents", """
                {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(at(1, 2))), 404);
        assertThat(unknown.path("rule").asText()).isEqualTo("client-not-found");
        assertThat(stored(lotId)).containsExactly("PigmentLotReceived");
    }

    @Test
    void aLotCannotBeReceivedUnderAClientsId() throws Exception {
        String clientId = client();
        JsonNode taken = problem(command("/api/pigment-lots", """
                {"lotId": "%s", "brand": "InkCo", "shade": "black", "batchNumber": "B-2", "expiresOn": "2099-12-31"}""".formatted(clientId)), 409);
        assertThat(taken.path("rule").asText()).isEqualTo("lot-id-in-use");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }

    @Test
    void aClientIdUsedAsALotIdIsAnUnknownLot() throws Exception {
        String clientId = client();
        JsonNode unknown = problem(command("/api/pigment-lots/" + clientId + "/recall", "{\"reason\": \"contamination\"}"), 404);
        assertThat(unknown.path("rule").asText()).isEqualTo("pigment-lot-not-found");
        assertThat(stored(clientId)).containsExactly("ClientRegistered");
    }
}
