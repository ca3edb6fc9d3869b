package org.smpledger.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No users, no demo data, no identity provider: the service starts, refuses everything, says how to
 * add a user, and has no default password.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoUsersConfiguredTest {

    @TempDir
    Path dataDir;

    @Test
    void theServiceStartsRefusesEveryRequestAndLogsHowToAddAUser(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SmpLedgerApplication.class)
                .run(
                        "--smp.mongodb.uri=" + TestMongo.connectionString(),
                        "--smp.mongodb.database=" + TestMongo.freshDatabaseName("nousers"),
                        "--smp.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--smp.publisher.enabled=false",
                        "--smp.data-dir=" + dataDir,
                        "--server.port=0")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            for (String user : new String[] {null, "user", "admin", "demo-admin"}) {
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/clinic-overview"));
                if (user != null) {
                    request.header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user + ":smp-demo").getBytes(StandardCharsets.UTF_8)));
                }
                assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as(String.valueOf(user))
                        .isEqualTo(401);
            }
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://127.0.0.1:" + port + "/actuator/health/liveness"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("still up for its orchestrator")
                    .isEqualTo(200);
        }
        assertThat(output.getOut() + output.getErr())
                .contains("No users are configured and demo data is off, so every request is refused.")
                .contains("hash-password")
                .doesNotContain("Using generated security password");
    }
}
