package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Repeated failed sign-ins lock a user (kept in MongoDB), every 401 looks the same whether the user
 * exists, guessed wrong or is locked, the access log has the real reasons, and a clinic-admin of
 * the user's clinic (only) lifts the lock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@DirtiesContext
class SignInLockoutThroughTheApiTest {

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("lockout"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-lockout")::toString);
        registry.add("smp.security.lockout.max-failures", () -> "3");
        registry.add("smp.access-log.max-delay", () -> "5ms");
        Staff.register(registry, "clinic-north", "clinic-south");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    MongoDatabase database;

    private MvcResult flags(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private static MockHttpServletRequestBuilder riskFlags(String username, String password) {
        return get("/api/risk-flags").with(httpBasic(username, password));
    }

    @Test
    void threeWrongPasswordsLockTheUserAndNo401SaysWhetherAUserExistsOrIsLocked() throws Exception {
        Staff.Member anna = Staff.practitioner("clinic-north");
        List<MvcResult> refusals = new ArrayList<>();
        refusals.add(flags(get("/api/risk-flags")));
        refusals.add(flags(riskFlags("nobody-at-all", "whatever")));
        for (int i = 1; i <= 3; i++) {
            refusals.add(flags(riskFlags(anna.username(), "wrong-" + i)));
        }
        refusals.add(flags(riskFlags(anna.username(), Staff.PASSWORD)));

        MvcResult first = refusals.get(0);
        for (MvcResult refused : refusals) {
            assertThat(refused.getResponse().getStatus()).isEqualTo(401);
            assertThat(refused.getResponse().getContentAsString())
                    .isEqualTo(first.getResponse().getContentAsString());
            assertThat(refused.getResponse().getHeader("WWW-Authenticate"))
                    .isEqualTo(first.getResponse().getHeader("WWW-Authenticate"))
                    .startsWith("Basic realm=");
        }
        Document lock = database.getCollection("sign_in_failures")
                .find(new Document("_id", anna.username()))
                .first();
        assertThat(lock).isNotNull();
        assertThat(lock.getDate("lockedUntil").toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(flags(riskFlags(Staff.practitioner("clinic-south").username(), Staff.PASSWORD))
                        .getResponse()
                        .getStatus())
                .as("another user is not affected")
                .isEqualTo(200);

        Staff.Member admin = Staff.admin("clinic-north");
        JsonNode users = json.readTree(mvc.perform(get("/api/admin/users").with(admin.basic()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        JsonNode locked = null;
        for (JsonNode user : users) {
            assertThat(user.has("passwordHash")).isFalse();
            if (user.path("username").asText().equals(anna.username())) {
                locked = user;
            }
        }
        assertThat(users).hasSize(4);
        assertThat(locked).isNotNull();
        assertThat(locked.path("lockedUntil").isTextual()).isTrue();

        String unlock = "/api/admin/users/" + anna.username() + "/unlock";
        assertThat(mvc.perform(post(unlock).with(Staff.admin("clinic-south").basic()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("another clinic's admin does not know this user")
                .isEqualTo(404);
        assertThat(mvc.perform(post(unlock).with(admin.basic()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        assertThat(flags(riskFlags(anna.username(), Staff.PASSWORD))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        Staff.Member auditor = Staff.auditor("clinic-north");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode log = json.readTree(mvc.perform(get("/api/access-log").with(auditor.basic()))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            List<String> reasons = new ArrayList<>();
            log.path("items").forEach(entry -> {
                if (anna.username().equals(entry.at("/agent/userId").asText())) {
                    reasons.add(entry.path("outcome").asText() + " "
                            + entry.path("reason").asText());
                }
            });
            assertThat(reasons)
                    .contains(
                            "UNAUTHENTICATED bad-credentials",
                            "UNAUTHENTICATED bad-credentials-locked-now",
                            "UNAUTHENTICATED locked");
        });
    }
}
