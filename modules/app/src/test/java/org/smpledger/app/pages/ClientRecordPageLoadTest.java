package org.smpledger.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page-load check: the record of a client with four courses (nine sessions on three zones,
 * three touch-ups, aftercare and healing checks) loaded 100 times in headless Chromium after 10
 * loads to warm up. Prints p50/p99 of the browser's own navigation timing (request to load event,
 * page and assets) and of the wall time around each load; the median must stay under a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(600)
class ClientRecordPageLoadTest {

    static final String CLINIC = "clinic-load";
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final int WARM_UP = 10;
    static final int LOADS = 100;

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("page-load"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-page-load")::toString);
        Staff.register(registry, CLINIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRecordOfAClientWithFourCoursesLoadsInUnderASecond() throws Exception {
        String lot = "lot-load-" + System.nanoTime() % 100000;
        post("/api/pigment-lots", """
                {"lotId": "%s", "brand": "InkCo", "shade": "dark brown", "batchNumber": "B-1", "expiresOn": "2099-12-31",
                 "receivedAt": "%s"}""".formatted(lot, TODAY.minus(Duration.ofDays(1500))));
        Instant start = TODAY.minus(Duration.ofDays(1460));
        String registration = """
                {"personalDetails": {"fullName": "Alex Fourcourses", "dateOfBirth": "1979-02-03"},
                 "registeredAt": "%s"}""";
        String client = post("/api/clients", registration.formatted(start))
                .path("clientId")
                .asText();
        String base = "/api/clients/" + client;
        post(base + "/consultations", """
                {"heldAt": "%s", "hairLoss": {"scale": "NORWOOD", "grade": "VI"}, "alopeciaType": "ANDROGENETIC",
                 "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"}}""".formatted(start.plusSeconds(60)));
        post(base + "/screenings", "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(start.plusSeconds(600)));
        post(
                base + "/consents",
                "{\"signedAt\": \"%s\", \"formVersion\": \"v3\", \"documentRef\": \"c.pdf\"}"
                        .formatted(start.plusSeconds(1200)));
        String patchTest = """
                {"lotId": "%s", "site": "behind the ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}""";
        post(
                base + "/patch-tests",
                patchTest.formatted(lot, start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(3))));
        Instant day = start.plus(Duration.ofDays(20));
        int[] sessionsPerCourse = {3, 2, 2, 2};
        for (int course = 0; course < sessionsPerCourse.length; course++) {
            if (course > 0) {
                post(base + "/touch-up-requests", """
                        {"requestedAt": "%s", "reason": "FADING", "zones": ["CROWN", "HAIRLINE", "TEMPLES"],
                         "retainedDensity": [{"zone": "CROWN", "fraction": 0.5}, {"zone": "HAIRLINE", "fraction": 0.5},
                          {"zone": "TEMPLES", "fraction": 0.5}]}""".formatted(day));
                day = day.plus(Duration.ofDays(10));
            }
            for (int session = 0; session < sessionsPerCourse[course]; session++) {
                JsonNode done = post(base + "/sessions", """
                        {"startedAt": "%s", "endedAt": "%s", "zoneWork": [%s, %s, %s]}""".formatted(
                                day,
                                day.plus(Duration.ofHours(3)),
                                zone("CROWN", lot),
                                zone("HAIRLINE", lot),
                                zone("TEMPLES", lot)));
                String sessionId = done.path("sessionId").asText();
                post(
                        base + "/aftercare",
                        "{\"sessionId\": \"%s\", \"issuedAt\": \"%s\"}"
                                .formatted(sessionId, day.plus(Duration.ofHours(4))));
                post(
                        base + "/healing-assessments",
                        "{\"sessionId\": \"%s\", \"assessedAt\": \"%s\", \"outcome\": \"AS_EXPECTED\"}"
                                .formatted(sessionId, day.plus(Duration.ofDays(7))));
                day = day.plus(Duration.ofDays(14));
            }
            day = day.plus(Duration.ofDays(300));
        }

        try (ClinicBrowser browser = new ClinicBrowser("http://localhost:" + port)) {
            browser.signIn(Staff.practitioner(CLINIC).username(), Staff.PASSWORD);
            browser.open("/clients/" + client);
            assertThat(browser.all("figure.chart")).hasSize(3);
            assertThat(browser.text("main")).contains("Session 2 of course 4");
            List<Double> navigation = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (int i = 0; i < WARM_UP + LOADS; i++) {
                long began = System.nanoTime();
                browser.open("/clients/" + client);
                double took = (System.nanoTime() - began) / 1e6;
                Number loaded = (Number) ((JavascriptExecutor) browser.driver)
                        .executeScript("const n = performance.getEntriesByType('navigation')[0];"
                                + " return n.loadEventEnd - n.startTime;");
                if (i >= WARM_UP) {
                    navigation.add(loaded.doubleValue());
                    wall.add(took);
                }
            }
            double p50 = percentile(navigation, 50);
            System.out.printf(
                    "Client record page, 4 courses (%d timeline entries), %d loads after %d to warm up:%n"
                            + "  browser navigation (request to load event): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                            + "  wall time around each load (WebDriver included): p50 %.1f ms, p99 %.1f ms%n",
                    browser.all("ol.timeline > li").size(),
                    LOADS,
                    WARM_UP,
                    p50,
                    percentile(navigation, 99),
                    percentile(navigation, 100),
                    percentile(wall, 50),
                    percentile(wall, 99));
            assertThat(p50).isLessThan(1000);
        }
    }

    private static String zone(String zone, String lot) {
        return """
                {"zone": "%s", "densityAddedFraction": 0.2, "needleCount": 3, "needleDiameterMm": 0.25, "depthMm": 0.6,
                 "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}""".formatted(zone, lot);
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", Staff.practitioner(CLINIC).authorization())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(201);
        return json.readTree(answer.body());
    }

    static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
