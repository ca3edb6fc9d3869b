package org.smpledger.app.runtime;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.embedded.EmbeddedKafkaBroker;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The service as the README's run command starts it: no external services configured. */
class EmbeddedDefaultRunTest {

    @TempDir
    Path dataDir;

    @Test
    void startsEmbeddedServersReportsThemHealthyAndKeepsDataAndDemoCoursesAcrossARestart() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBeansOfType(EmbeddedMongoServer.class)).hasSize(1);
            assertThat(app.getBeansOfType(EmbeddedKafkaBroker.class)).hasSize(1);

            JsonNode anonymous = health(app, null);
            assertThat(anonymous.path("status").asText()).isEqualTo("UP");
            assertThat(anonymous.has("components"))
                    .as("anonymous callers see the status only")
                    .isFalse();
            JsonNode health = health(app, "demo-admin");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/mongo/details/embedded").asBoolean())
                    .isTrue();
            assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/kafka/details/embedded").asBoolean())
                    .isTrue();

            app.getBean(MongoDatabase.class)
                    .getCollection("restart_probe")
                    .insertOne(new Document("_id", "kept").append("value", 42));
            demoEventsBeforeRestart = demoClientEvents(app);
            assertThat(demoEventsBeforeRestart)
                    .as("demo client's course is recorded")
                    .isGreaterThan(10);

            // the README's first look: the demo users of the two demo clinics
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> get(app, "demo-practitioner", "/api/clients/demo-client-crowded/risk")
                                    .statusCode()
                            == 200);
            assertThat(get(app, "demo-practitioner", "/api/clients/demo-client-crowded/timeline")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(app, "demo-auditor", "/api/risk-flags").body()).contains("demo-client-crowded");
            assertThat(get(app, "demo2-practitioner", "/api/clients/demo-client-crowded/risk")
                            .statusCode())
                    .as("the second demo clinic does not see the first one's client")
                    .isEqualTo(404);
            assertThat(get(app, "demo2-auditor", "/api/risk-flags").body()).doesNotContain("demo-client");
            assertThat(get(app, null, "/api/clients/demo-client-crowded/risk").statusCode())
                    .isEqualTo(401);
        }

        try (ConfigurableApplicationContext app = start()) {
            Document found = app.getBean(MongoDatabase.class)
                    .getCollection("restart_probe")
                    .find(eq("_id", "kept"))
                    .first();
            assertThat(found).containsEntry("value", 42);
            assertThat(health(app, null).path("status").asText()).isEqualTo("UP");
            assertThat(demoClientEvents(app))
                    .as("demo data seeded again stores nothing twice")
                    .isEqualTo(demoEventsBeforeRestart);
        }
        assertThat(dataDir.resolve("mongodb")).isDirectory();
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).isRegularFile();
    }

    private long demoEventsBeforeRestart;

    private static long demoClientEvents(ConfigurableApplicationContext app) {
        return app.getBean(EventStore.class)
                .readEvents("demo-client-crowded")
                .asStream()
                .count();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SmpLedgerApplication.class)
                .run(
                        "--smp.data-dir=" + dataDir,
                        "--smp.mongodb.uri=",
                        "--smp.kafka.bootstrap-servers=",
                        "--smp.mongodb.embedded-port=0",
                        "--smp.kafka.embedded-port=0",
                        "--smp.kafka.embedded-controller-port=0",
                        "--server.port=0",
                        "--smp.demo-data=true");
    }

    private static JsonNode health(ConfigurableApplicationContext app, String demoUser) throws Exception {
        HttpResponse<String> response = get(app, demoUser, "/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** As a demo user (password {@code smp-demo}, as the README's first look), or anonymously. */
    private static HttpResponse<String> get(ConfigurableApplicationContext app, String demoUser, String path)
            throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (demoUser != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((demoUser + ":smp-demo").getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
