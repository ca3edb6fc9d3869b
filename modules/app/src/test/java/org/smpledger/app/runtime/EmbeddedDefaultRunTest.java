package org.smpledger.app.runtime;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

            JsonNode health = health(app);
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
        }

        try (ConfigurableApplicationContext app = start()) {
            Document found = app.getBean(MongoDatabase.class)
                    .getCollection("restart_probe")
                    .find(eq("_id", "kept"))
                    .first();
            assertThat(found).containsEntry("value", 42);
            assertThat(health(app).path("status").asText()).isEqualTo("UP");
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

    private static JsonNode health(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
