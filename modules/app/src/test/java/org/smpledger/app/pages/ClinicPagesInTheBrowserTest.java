package org.smpledger.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The clinic's pages end to end in headless Chromium: a practitioner signs in and records a whole
 * course through the forms, watching the scalp map and a zone's chart change; a clinic rule refuses
 * a session and an override lifts it; the record as it stood earlier; bad input next to its field;
 * a form without its CSRF token; lot recall and its CSV; another clinic's client; an analyst sees
 * no personal data; the auditor's view; axe-core on every main page at desktop and tablet width,
 * with the screenshots in docs/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class ClinicPagesInTheBrowserTest {

    static final String CLINIC = "clinic-web";
    static final String OTHER_CLINIC = "clinic-elsewhere";
    static final String NAME = "Robin Webster";
    static final String BORN = "1980-05-06";
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final Path SCREENSHOTS = Path.of("../../docs/screenshots");

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("pages"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-pages")::toString);
        registry.add("smp.verifiable-log.checkpoints.every", () -> "1s");
        Staff.register(registry, CLINIC, OTHER_CLINIC);
    }

    @LocalServerPort
    int port;

    ClinicBrowser browser;
    final String lot = "lot-web-" + System.nanoTime() % 100000;
    String client;
    /** The client whose record the form helpers work on. */
    String current;

    String planned;
    Instant afterFirstSession;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = new ClinicBrowser("http://localhost:" + port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aPractitionerRecordsAWholeCourseThroughTheFormsAndSeesTheMapAndChartsChange() throws Exception {
        browser.signIn(Staff.practitioner(CLINIC).username(), Staff.PASSWORD);
        assertThat(browser.path()).startsWith("/clients");
        assertThat(browser.text("header")).contains(Staff.practitioner(CLINIC).username(), CLINIC, "practitioner");

        browser.open("/lots");
        browser.fill("lotId", lot);
        browser.fill("brand", "InkCo");
        browser.fill("shade", "dark brown");
        browser.fill("batchNumber", "B-77");
        browser.fill("expiresOn", "2099-12-31");
        browser.fill("reachLabelled", "true");
        browser.fill("receivedAt", local(TODAY.minus(Duration.ofDays(90))));
        browser.submit();
        assertThat(browser.text("[role=status]")).contains("Lot " + lot + " received");

        browser.open("/clients");
        browser.fill("personalDetails.fullName", NAME);
        browser.fill("personalDetails.dateOfBirth", BORN);
        browser.fill("personalDetails.email", "robin@example.org");
        browser.submit();
        assertThat(browser.path()).matches("/clients/[0-9a-f-]{36}");
        client = browser.path().substring("/clients/".length());
        current = client;
        assertThat(browser.text("h1")).contains(NAME);
        assertThat(browser.text("[role=status]")).contains("Client registered");
        assertThat(browser.text(".just-recorded")).contains("Client registered");

        step("consultation");
        browser.fill("heldAt", local(TODAY.minus(Duration.ofDays(85))));
        browser.fill("hairLoss.scale", "NORWOOD");
        browser.fill("hairLoss.grade", "V");
        browser.fill("alopeciaType", "ANDROGENETIC");
        browser.fill("skin.fitzpatrickType", "III");
        browser.fill("skin.undertone", "NEUTRAL");
        browser.fill("goals", "a soft natural shaved look");
        recorded("Consultation recorded");

        screeningConsentAndANegativePatchTest("consents/robin.pdf");

        step("hairline-design");
        browser.fill("style", "soft natural");
        browser.check("planned-CROWN");
        browser.check("planned-HAIRLINE");
        recorded("Hairline design recorded");

        assertThat(zone("CROWN")).isEqualTo("Crown: no work recorded");
        session(60, "0.3", "0.2", null);
        assertThat(zone("CROWN")).isEqualTo("Crown: 0.3 of natural density (ceiling 1), within limits");
        assertThat(zone("HAIRLINE")).startsWith("Hairline: 0.2 of natural density");
        assertThat(chartRows("CROWN")).containsExactly("Session 1 +0.3 0.3");
        Thread.sleep(1100);
        afterFirstSession = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1100);

        step("aftercare");
        new Select(browser.driver.findElement(By.name("sessionId"))).selectByIndex(1);
        browser.fill("instructions[0].restriction", "NO_WETTING");
        browser.fill("instructions[0].days", "4");
        browser.fill("writtenCopyGiven", "true");
        recorded("Aftercare recorded");

        step("healing-check");
        new Select(browser.driver.findElement(By.name("sessionId"))).selectByIndex(1);
        browser.fill("outcome", "AS_EXPECTED");
        recorded("Healing check recorded");

        session(45, "0.4", null, null);
        assertThat(zone("CROWN")).isEqualTo("Crown: 0.7 of natural density (ceiling 1), within limits");
        assertThat(chartRows("CROWN")).containsExactly("Session 1 +0.3 0.3", "Session 2 +0.4 0.7");
        session(30, "0.3", null, null);
        assertThat(chartRows("CROWN")).hasSize(3);
        // a textbook course reaches the usual target: within limits, not a flag
        assertThat(zone("CROWN")).startsWith("Crown: 1 of natural density (ceiling 1), within limits");

        // the fourth would take the crown past the ceiling: refused in plain words, with its numbers
        step("session");
        fillSession(15, "0.3", null);
        browser.submit();
        assertThat(browser.path()).isEqualTo("/clients/" + current + "/record/session");
        assertThat(browser.text("#refusal")).contains("density-ceiling").contains("1.3");
        assertThat(browser.text("#refusal dl")).contains("limit");
        assertThat(browser.all("[name='override.reason']")).hasSize(1);
        assertThat(browser.attribute("[name='zoneWork[0].densityAddedFraction']", "value"))
                .isEqualTo("0.3");
        browser.fill("override.reason", "scar tissue on the crown absorbed pigment");
        browser.fill("override.approvedBy", "lead-kim");
        browser.submit();
        assertThat(browser.text("[role=status]")).contains("Session recorded");
        assertThat(browser.text(".just-recorded")).contains("Override: scar tissue on the crown absorbed pigment");
        assertThat(zone("CROWN")).startsWith("Crown: 1.3 of natural density (ceiling 1), high");
        assertThat(browser.attribute("svg.scalp g.zone[data-zone='CROWN']", "class"))
                .contains("level-high");
        assertThat(chartRows("CROWN")).last().asString().contains("override: scar tissue");

        step("adverse-reaction");
        browser.fill("kind", "EXCESSIVE_SWELLING");
        browser.fill("severity", "MILD");
        browser.fill("lotIds[0]", lot);
        browser.fill("description", "swelling on the crown for two days");
        recorded("Adverse reaction recorded");

        step("correction");
        WebElement corrected = browser.driver.findElement(By.name("correctedEventId"));
        Select correctable = new Select(corrected);
        String first = correctable.getOptions().stream()
                .filter(option -> option.getText().startsWith("Session 1 of course 1"))
                .findFirst()
                .orElseThrow()
                .getAttribute("value");
        correctable.selectByValue(first);
        browser.fill("reason", "the hairline had 0.25, not 0.2");
        browser.fill("change[0].field", "zoneWork[1].densityAddedFraction");
        browser.fill("change[0].value", "0.25");
        recorded("Correction recorded");
        assertThat(zone("HAIRLINE")).startsWith("Hairline: 0.25 of natural density");
        assertThat(browser.text("#entry-" + first + " .corrections")).contains("the hairline had 0.25, not 0.2");

        step("touch-up");
        browser.fill("reason", "FADING");
        browser.check("touch-CROWN");
        browser.fill("requestedBy", "client");
        recorded("Touch-up request recorded");

        // the record as it stood after the first session
        browser.fill(
                "asOf",
                LocalDateTime.ofInstant(afterFirstSession, ZoneOffset.UTC).toString());
        WebElement show = browser.driver.findElement(By.cssSelector("form.as-of button"));
        show.click();
        browser.waitFor(() -> !browser.all(".as-of-notice").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).contains("asOf=");
        assertThat(zone("CROWN")).isEqualTo("Crown: 0.3 of natural density (ceiling 1), within limits");
        assertThat(chartRows("CROWN")).containsExactly("Session 1 +0.3 0.3");
        assertThat(browser.all("ol.timeline > li")).hasSize(7);
    }

    @Test
    @Order(2)
    void badInputIsShownNextToItsFieldAndNothingIsStored() {
        int before = timelineLength();
        step("session");
        fillSession(1, "0.1", null);
        browser.fill("zoneWork[0].needleCount", "99");
        browser.submit();
        assertThat(browser.text("#f-zoneWork-0-needleCount-error")).isEqualTo("must be less than or equal to 15");
        assertThat(browser.attribute("#f-zoneWork-0-needleCount", "aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.text("#error-summary")).contains("zoneWork[0].needleCount");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(timelineLength()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aFormWithoutItsCsrfTokenIsRefusedAndRecordsNothing() {
        int before = timelineLength();
        step("consent");
        browser.fill("formVersion", "v4");
        browser.fill("documentRef", "consents/forged.pdf");
        ((JavascriptExecutor) browser.driver)
                .executeScript("document.querySelector('main form.grid input[name=_csrf]').remove();");
        browser.submit();
        assertThat(browser.text("h1")).isEqualTo("Not allowed");
        assertThat(timelineLength()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aLotsRecipientsAreFoundAndDownloadedAsCsv() {
        browser.open("/lots");
        browser.fill("lot", lot);
        browser.driver.findElement(By.cssSelector("form.search button")).click();
        browser.waitFor(() -> !browser.all("#recall table").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).endsWith("/lots?lot=" + lot);
        assertThat(browser.text("#recall"))
                .contains("1 client(s) received this lot")
                .contains(client);
        String csv = browser.fetch(browser.attribute("#recall a.button", "href"));
        assertThat(csv).startsWith("200 text/csv;charset=UTF-8\n");
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(1)).startsWith("lot_id,brand,shade,batch_number,recalled_at,client_id,use,");
        assertThat(lines.subList(2, lines.size()))
                .hasSize(5)
                .allMatch(line -> line.startsWith(lot + ",InkCo,dark brown,B-77,," + client + ","));
        assertThat(browser.fetch("/lots/no-such-lot/recall.csv")).startsWith("404 ");
    }

    @Test
    @Order(5)
    void anotherClinicsClientIsAnsweredExactlyAsAnUnknownOne() {
        browser.signOut();
        browser.signIn(Staff.practitioner(OTHER_CLINIC).username(), Staff.PASSWORD);
        browser.open("/clients/" + client);
        assertThat(browser.text("main")).contains("No record " + client + " in this clinic.");
        String theirs = withoutToken(browser.driver.getPageSource().replace(client, "X"));
        browser.open("/clients/00000000-0000-0000-0000-000000000000");
        assertThat(withoutToken(browser.driver.getPageSource().replace("00000000-0000-0000-0000-000000000000", "X")))
                .isEqualTo(theirs);
        browser.open("/clients/" + client + "/record/session");
        assertThat(browser.text("main")).contains("No record " + client + " in this clinic.");
        browser.open("/clients?q=Robin");
        assertThat(browser.text("main")).doesNotContain(NAME).doesNotContain(client);
        browser.open("/lots?lot=" + lot);
        assertThat(browser.text("#recall")).contains("No lot " + lot + " was received or used in this clinic.");
        browser.signOut();
    }

    @Test
    @Order(6)
    void anAnalystSeesTheRecordButNoPersonalData() {
        browser.signIn(Staff.analyst(CLINIC).username(), Staff.PASSWORD);
        browser.open("/clients");
        assertThat(browser.text("main")).contains(client);
        assertThat(browser.text("label[for=q]")).isEqualTo("Find a client by id");
        browser.open("/clients?q=Robin");
        assertThat(browser.text("main")).doesNotContain(client);
        browser.open("/clients/" + client);
        assertThat(zone("CROWN")).startsWith("Crown:");
        assertThat(browser.all("nav.record-steps")).isEmpty();
        for (String path : List.of("/clients", "/clients/" + client, "/risk-flags", "/lots?lot=" + lot)) {
            browser.open(path);
            assertThat(browser.driver.getPageSource())
                    .as(path)
                    .doesNotContain(NAME)
                    .doesNotContain("Robin")
                    .doesNotContain(BORN)
                    .doesNotContain("robin@example.org");
        }
        browser.open("/clients/" + client + "/record/consent");
        assertThat(browser.text("h1")).isEqualTo("Not allowed");
        browser.open("/audit/clients/" + client);
        assertThat(browser.text("h1")).isEqualTo("Not allowed");
        browser.signOut();
    }

    @Test
    @Order(7)
    void aPlannedCourseWithADoseCapOverrideFadingAndAFourthSessionThroughTheForms() {
        browser.signIn(Staff.practitioner(CLINIC).username(), Staff.PASSWORD);
        browser.open("/clients");
        browser.fill("personalDetails.fullName", "Ari Planned");
        browser.fill("personalDetails.dateOfBirth", "1979-02-03");
        browser.submit();
        planned = browser.path().substring("/clients/".length());
        current = planned;
        assertThat(browser.text("#plan-title ~ p")).isEqualTo("No treatment plan is on record for the current course.");

        screeningConsentAndANegativePatchTest("consents/ari.pdf");

        step("treatment-plan");
        browser.fill("plannedSessions", "3");
        browser.fill("targets[0].zone", "CROWN");
        browser.fill("targets[0].targetDensity", "1.0");
        browser.fill("targets[1].zone", "HAIRLINE");
        browser.fill("targets[1].targetDensity", "0.8");
        browser.fill("factors[0].kind", "SKIN_TYPE");
        browser.fill("factors[0].note", "Fitzpatrick III");
        recorded("Treatment plan recorded");

        // one session putting 0.7 on the hairline: refused by the dose cap in plain words, then overridden
        step("session");
        fillSession(70, "0.3", "0.7");
        browser.submit();
        assertThat(browser.path()).isEqualTo("/clients/" + planned + "/record/session");
        assertThat(browser.text("#refusal h2")).contains("Dose per session").contains("dose-per-session");
        assertThat(browser.text("#refusal dl"))
                .contains("Hairline, dose per session")
                .contains("would be 0.7, limit 0.5");
        browser.fill("override.reason", "client travels far; hairline done in one long session");
        recorded("Session recorded");
        assertThat(browser.text(".just-recorded")).contains("dose-per-session");
        assertThat(browser.text("#plan-title ~ p"))
                .contains("Plan: 3 sessions; target density")
                .contains("Crown 1");
        assertThat(zone("HAIRLINE")).contains("plan target 0.8").contains("high");

        session(55, "0.4", null, null);
        session(40, "0.3", null, null);
        assertThat(zone("CROWN")).isEqualTo("Crown: 1 of natural density (ceiling 1, plan target 1), within limits");
        assertThat(browser.attribute("figure.chart[data-zone='CROWN'] svg", "aria-label"))
                .contains("plan target 1");

        // a healing check finds a quarter of the crown faded: the map, the chart and the course say so
        step("healing-check");
        Select checked = new Select(browser.driver.findElement(By.name("sessionId")));
        checked.getOptions().stream()
                .filter(option -> option.getText().startsWith("Session 3 of course 1"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.fill("assessedAt", local(TODAY.minus(Duration.ofDays(20))));
        browser.fill("outcome", "AS_EXPECTED");
        browser.fill("observations[0].zone", "CROWN");
        browser.fill("observations[0].observation", "FADING");
        browser.fill("observations[0].retainedFraction", "0.75");
        recorded("Healing check recorded");
        assertThat(zone("CROWN"))
                .isEqualTo(
                        "Crown: 0.75 of natural density (ceiling 1, plan target 1, 0.25 lost to fading), within limits");
        assertThat(chartRows("CROWN")).last().asString().isEqualTo("Healing check -0.25 0.75 retained 75%");
        assertThat(browser.text("#plan-title ~ p.course")).contains("healing checks found fading: crown lost 0.25");

        // after the recorded fading, a fourth session is within limits without an override
        session(10, "0.25", null, null);
        assertThat(zone("CROWN")).startsWith("Crown: 1 of natural density").endsWith("within limits");
        assertThat(browser.text(".just-recorded")).doesNotContain("Override");

        step("course-completion");
        browser.fill("notes", "client happy with the density");
        recorded("Course completion recorded");
        browser.open("/clients?q=" + planned);
        assertThat(browser.text("tbody"))
                .contains("course 1, plan of 3 sessions, completed")
                .contains("4 of 3 planned in this course");
        current = client;
        browser.signOut();
    }

    @Test
    @Order(8)
    void theAuditorSeesStoredEventsWithMetadataAndWhoReadTheRecord() {
        browser.signIn(Staff.auditor(CLINIC).username(), Staff.PASSWORD);
        browser.open("/clients/" + client);
        // auditors read the clinical record, never personal details (docs/security.md, "Personal data")
        assertThat(browser.text("h1")).doesNotContain(NAME).contains(client);
        browser.open("/audit/clients/" + client);
        assertThat(browser.text("table.events"))
                .contains("SessionCompleted")
                .contains("actorRole")
                .contains(CLINIC);
        // the access log is written off the request path: what was read a moment ago may take a moment to show
        String[] reads = {""};
        try {
            browser.waitFor(() -> {
                browser.open("/audit/clients/" + client);
                reads[0] = browser.text("#reads-title ~ div");
                return reads[0].contains(Staff.analyst(CLINIC).username()) && reads[0].contains("OTHER_CLINIC");
            });
        } catch (org.openqa.selenium.TimeoutException late) {
            // the assertions below say what is missing
        }
        // another clinic's attempt is shown as one, without naming that clinic's staff member
        assertThat(reads[0])
                .contains(Staff.analyst(CLINIC).username())
                .contains("OTHER_CLINIC: other-clinic")
                .doesNotContain(Staff.practitioner(OTHER_CLINIC).username());
        browser.open("/audit");
        assertThat(browser.text("main")).contains("Verification of the log");
        browser.driver
                .findElement(By.cssSelector("form[action='/audit/verification'] button"))
                .click();
        browser.waitFor(() -> browser.path().equals("/audit"));
        assertThat(browser.text("[role=status]")).isEqualTo("The log verified");
        assertThat(browser.text(".badge.big")).isEqualTo("Verified");
        assertThat(browser.text(".verification-summary")).isNotEmpty();
        browser.signOut();
    }

    @Test
    @Order(9)
    void everyMainPagePassesAxeAtDesktopAndTabletWidthAndIsPhotographed() throws Exception {
        List<String> violations = new ArrayList<>();
        browser.open("/login");
        check(violations, "sign-in");
        browser.signIn(Staff.practitioner(CLINIC).username(), Staff.PASSWORD);
        for (String[] page : new String[][] {
            {"/clients", "clients"},
            {"/clients/" + client, "client-record"},
            {"/clients/" + client + "/record/session", "session-form"},
            {"/clients/" + planned, "client-record-plan"},
            {"/clients/" + planned + "/record/treatment-plan", "plan-form"},
            {"/clients/" + planned + "/record/healing-check", "healing-check-form"},
            {"/risk-flags", "risk-flags"},
            {"/lots?lot=" + lot, "lot-recall"}
        }) {
            browser.open(page[0]);
            check(violations, page[1]);
        }
        step("session");
        fillSession(14, "0.2", null);
        browser.submit();
        assertThat(browser.all("#refusal")).hasSize(1);
        check(violations, "session-refused");
        browser.signOut();
        browser.signIn(Staff.auditor(CLINIC).username(), Staff.PASSWORD);
        browser.open("/audit/clients/" + client);
        check(violations, "audit");
        browser.open("/audit");
        check(violations, "audit-log-verification");
        assertThat(violations).isEmpty();
    }

    private void check(List<String> violations, String name) throws Exception {
        for (Dimension size : List.of(ClinicBrowser.DESKTOP, ClinicBrowser.TABLET)) {
            browser.resize(size);
            String width = size == ClinicBrowser.TABLET ? "tablet" : "desktop";
            browser.seriousAccessibilityViolations().forEach(v -> violations.add(name + " at " + width + ": " + v));
            browser.screenshot(SCREENSHOTS, name + "-" + width + ".png");
        }
        browser.resize(ClinicBrowser.DESKTOP);
    }

    /** The steps before any session, through the current client's step forms (consent signed as {@code documentRef}). */
    private void screeningConsentAndANegativePatchTest(String documentRef) {
        step("screening");
        browser.fill("screenedAt", local(TODAY.minus(Duration.ofDays(84))));
        recorded("Contraindication screening recorded");
        step("consent");
        browser.fill("signedAt", local(TODAY.minus(Duration.ofDays(84))));
        browser.fill("formVersion", "v3");
        browser.fill("documentRef", documentRef);
        recorded("Consent recorded");
        step("patch-test");
        browser.fill("lotId", lot);
        browser.fill("site", "behind the left ear");
        browser.fill("appliedAt", local(TODAY.minus(Duration.ofDays(80))));
        browser.fill("readAt", local(TODAY.minus(Duration.ofDays(78))));
        browser.fill("result", "NEGATIVE");
        recorded("Patch test recorded");
    }

    private void step(String step) {
        browser.open("/clients/" + current + "/record/" + step);
    }

    private void recorded(String notice) {
        browser.submit();
        assertThat(browser.path()).as(browser.text("main")).isEqualTo("/clients/" + current);
        assertThat(browser.text("[role=status]")).contains(notice).doesNotContain("may not show it yet");
    }

    private void session(int daysAgo, String crown, String hairline, String override) {
        step("session");
        fillSession(daysAgo, crown, hairline);
        if (override != null) {
            browser.fill("override.reason", override);
        }
        recorded("Session recorded");
    }

    private void fillSession(int daysAgo, String crown, String hairline) {
        Instant start = TODAY.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(9));
        browser.fill("startedAt", local(start));
        browser.fill("endedAt", local(start.plus(Duration.ofHours(3))));
        zoneRow(0, "CROWN", crown);
        if (hairline != null) {
            zoneRow(1, "HAIRLINE", hairline);
        }
    }

    private void zoneRow(int row, String zone, String density) {
        String prefix = "zoneWork[" + row + "].";
        browser.fill(prefix + "zone", zone);
        browser.fill(prefix + "densityAddedFraction", density);
        browser.fill(prefix + "needleCount", "3");
        browser.fill(prefix + "needleDiameterMm", "0.25");
        browser.fill(prefix + "depthMm", "0.6");
        browser.fill(prefix + "pigments[0].lotId", lot);
        browser.fill(prefix + "pigments[0].dilutionWaterParts", "20");
    }

    private String zone(String zone) {
        return browser.attribute("svg.scalp g.zone[data-zone='" + zone + "']", "aria-label");
    }

    private List<String> chartRows(String zone) {
        return browser.all("figure.chart[data-zone='" + zone + "'] tbody tr").stream()
                .map(row -> row.getText().replaceAll("\\s+", " ").replaceAll(" \\d{1,2} [A-Z][a-z]{2,3} \\d{4}", ""))
                .toList();
    }

    private int timelineLength() {
        browser.open("/clients/" + client);
        return browser.all("ol.timeline > li").size();
    }

    /** The page without its CSRF token (masked anew for every answer). */
    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }
}
