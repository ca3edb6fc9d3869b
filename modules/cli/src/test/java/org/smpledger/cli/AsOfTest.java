package org.smpledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.density.DensityMeasures;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.processing.EventProcessors;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.TimelineProjection;
import org.smpledger.projections.timeline.TimelineQuery;
import org.smpledger.serialization.ServiceJson;

/**
 * {@code as-of} against the service's read models: the store's projections are built by the
 * service's processors ({@link ProjectionProcessors} over the same event store), and the REST API's
 * answer is what its controllers return from {@link TimelineQuery} and {@link RiskQuery} on them,
 * written by the service's one JSON configuration.
 */
class AsOfTest {

    private static final ObjectMapper JSON = ServiceJson.mapper();
    private static SeededClinics clinics;
    private static EventProcessors eventProcessors;
    private static ProjectionProcessors processors;
    private static TimelineQuery timeline;
    private static RiskQuery risk;

    @BeforeAll
    static void buildTheServicesReadModels() {
        clinics = new SeededClinics().seeded();
        // clinic-north lowered its ceiling in January: as-of judges its clients by that policy, as the API does
        clinics.record(
                new ClinicPolicyAdopted(
                        SeededClinics.NORTH,
                        SeededClinics.NORTH + "/v1",
                        1,
                        SeededClinics.at("2026-01-05"),
                        "clinic-admin",
                        SeededClinics.at("2026-01-05"),
                        ClinicRules.DEFAULTS.withDensity(new ClinicRules.Density(0.8, 0.8, 0.5, 0.5, 0.85)),
                        "a lower ceiling for our pigments"),
                SeededClinics.at("2026-01-05"),
                "clinic-admin");
        DensityMeasures measures = DensityMeasures.DEFAULT;
        eventProcessors = EventProcessors.running(clinics.store, new InMemoryTokenStore());
        processors = new ProjectionProcessors(
                List.of(
                        new TimelineProjection(measures.naturalDensity()),
                        new RiskProjection(measures),
                        new LotUsageProjection(),
                        new ClinicOverviewProjection(measures)),
                clinics.database,
                eventProcessors,
                ProcessorSettings.DEFAULT,
                Clock.systemUTC());
        processors.start();
        timeline = new TimelineQuery(processors.generations());
        risk = new RiskQuery(processors.generations(), measures, ClinicRules.DEFAULTS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }

    @AfterAll
    static void stop() {
        processors.close();
        eventProcessors.close();
        clinics.close();
    }

    @Test
    void recordedTimeGivesTheRestApisAnswerAtEveryInstant() throws Exception {
        List<String> instants = List.of(
                "2026-01-10T10:00:00Z", // registered
                "2026-07-10T13:00:00Z", // e1 recorded
                "2026-07-11T09:59:59Z", // before the correction of e1
                "2026-07-11T10:00:00Z", // the correction
                "2026-12-31T00:00:00Z");
        int compared = 0;
        for (String client : List.of("client-a", "client-c", "client-e")) {
            for (String at : instants) {
                Instant instant = Instant.parse(at);
                var restTimeline = timeline.timeline(client, instant, 0, 100);
                var restRisk = risk.risk(client, instant, Instant.now());
                Smp timelineRun = Smp.on(clinics, "as-of", client, "--at", at, "--show", "timeline");
                Smp riskRun = Smp.on(clinics, "as-of", client, "--at", at, "--show", "risk");
                if (restTimeline.isEmpty()) {
                    assertThat(timelineRun.code()).as(timelineRun.toString()).isEqualTo(ExitCodes.NOT_FOUND);
                    assertThat(timelineRun.err().strip())
                            .isEqualTo("smp as-of: client " + client + " had no record as of " + at);
                    continue;
                }
                assertThat(timelineRun.code()).as(timelineRun.toString()).isZero();
                assertThat(JSON.readTree(timelineRun.stdout()))
                        .isEqualTo(JSON.readTree(JSON.writeValueAsBytes(restTimeline.get())));
                assertThat(JSON.readTree(riskRun.stdout()))
                        .isEqualTo(JSON.readTree(JSON.writeValueAsBytes(restRisk.orElseThrow())));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(13);
        JsonNode beforeCorrection =
                JSON.readTree(Smp.on(clinics, "as-of", "client-e", "--at", "2026-07-11T09:59:59Z", "--show", "risk")
                        .stdout());
        JsonNode afterCorrection =
                JSON.readTree(Smp.on(clinics, "as-of", "client-e", "--at", "2026-07-11T10:00:00Z", "--show", "risk")
                        .stdout());
        assertThat(beforeCorrection.at("/zones/0/density").asDouble()).isEqualTo(0.5);
        assertThat(afterCorrection.at("/zones/0/density").asDouble()).isEqualTo(0.45);
        JsonNode yearEnd =
                JSON.readTree(Smp.on(clinics, "as-of", "client-e", "--at", "2026-12-31T00:00:00Z", "--show", "risk")
                        .stdout());
        assertThat(yearEnd.at("/judgedBy/version").asInt())
                .as("judged by the clinic's own policy")
                .isEqualTo(1);
    }

    @Test
    void occurredTimeShowsWhatHadHappenedByThenWithTheCorrectionsMadeSince() throws Exception {
        Smp run = Smp.on(clinics, "as-of", "client-e", "--at", "2026-07-10T12:00:00Z", "--time", "occurred");

        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode view = JSON.readTree(run.stdout());
        assertThat(view.get("time").asText()).isEqualTo("occurred");
        // e1 started at 10:00 (recorded at 13:00); its correction (recorded the next day) applies; e2 had not happened
        assertThat(view.at("/risk/zones/0/density").asDouble()).isEqualTo(0.45);
        assertThat(view.at("/risk/zones/0/sessionsInCourse").asInt()).isEqualTo(1);
        assertThat(view.at("/timeline/entries/items"))
                .extracting(entry -> entry.get("type").asText())
                .containsExactly("ClientRegistered", "ClientDetailsCorrected", "SessionCompleted", "RecordCorrected");
        // by recorded time, nothing of the session was known at noon on the 10th
        JsonNode recorded = JSON.readTree(Smp.on(clinics, "as-of", "client-e", "--at", "2026-07-10T12:00:00Z")
                .stdout());
        assertThat(recorded.at("/risk/zones")).isEmpty();
    }

    @Test
    void anUnknownClientIsNotFound() {
        Smp run = Smp.on(clinics, "as-of", "client-zz", "--at", "2026-07-10");

        assertThat(run.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err().strip()).isEqualTo("smp as-of: no client client-zz is recorded");
        assertThat(run.stdout()).isEmpty();
    }
}
