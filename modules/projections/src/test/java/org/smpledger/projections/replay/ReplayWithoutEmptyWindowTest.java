package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smpledger.projections.Clinic.day;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smpledger.density.DensityMeasures;
import org.smpledger.projections.Courses;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionsHarness;
import org.smpledger.projections.ReadModelDump;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverview;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.risk.RiskFlags;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.timeline.TimelineProjection;

class ReplayWithoutEmptyWindowTest {

    static final List<Projection> PROJECTIONS = List.of(
            new TimelineProjection(DensityMeasures.DEFAULT.naturalDensity()),
            new RiskProjection(DensityMeasures.DEFAULT),
            new LotUsageProjection(),
            new ClinicOverviewProjection(DensityMeasures.DEFAULT));

    ProjectionsHarness harness;

    @BeforeEach
    void recordACliniceWorthOfCourses() {
        // small batches, so a replay takes many of them
        harness = new ProjectionsHarness(new ProcessorSettings(20, Duration.ofMillis(20), Duration.ofMillis(200)));
        Courses.record(harness.clinic, 150, 42);
        harness.caughtUp();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void queriesKeepAnsweringFromTheOldGenerationUntilTheRebuiltOneTakesOver() throws Exception {
        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        Thread reader = new Thread(() -> {
            int i = 0;
            while (replaying.get()) {
                String client = "client-" + (i++ % 150);
                boolean found = harness.timeline.timeline(client, null, 0, 100).isPresent()
                        && harness.risk
                                .risk(client, null, ProjectionsHarness.NOW)
                                .isPresent()
                        && harness.lots
                                .clients("lot-" + (i % 5), "clinic-north", 0, 10)
                                .isPresent()
                        // the clinic lists: every client, read by many keys across the switch
                        && harness.overview
                                        .clients("clinic-north", ProjectionsHarness.NOW, 0, 500)
                                        .total()
                                >= 150
                        && !harness.risk
                                .flags("clinic-north", ProjectionsHarness.NOW, 0, 500)
                                .flags()
                                .items()
                                .isEmpty();
                (found ? answered : missing).incrementAndGet();
            }
        });
        reader.start();

        ReplayProgress started = harness.processors.replay(TimelineProjection.NAME);
        assertThat(started.state()).isEqualTo(ReplayProgress.State.RUNNING);
        assertThat(started.toGeneration()).isEqualTo(2);
        // asking again while it runs reports the same replay instead of starting another
        assertThat(harness.processors.replay(TimelineProjection.NAME).toGeneration())
                .isEqualTo(2);
        harness.clinic.registers("client-during-replay", day("2026-06-01"));
        harness.processors.replay(RiskProjection.NAME);
        harness.processors.replay(LotUsageProjection.NAME);
        harness.processors.replay(ClinicOverviewProjection.NAME);

        awaitCompleted(
                TimelineProjection.NAME, RiskProjection.NAME, LotUsageProjection.NAME, ClinicOverviewProjection.NAME);
        replaying.set(false);
        reader.join();

        assertThat(missing.get()).isZero();
        assertThat(answered.get()).isPositive();
        ProjectionStatus timeline = harness.processors.status(TimelineProjection.NAME);
        assertThat(timeline.liveGeneration()).isEqualTo(2);
        assertThat(timeline.processor()).isEqualTo("timeline@g2");
        ReplayProgress done = timeline.replay();
        assertThat(done.eventsDone()).isEqualTo(done.eventsTotal()).isGreaterThan(900);
        assertThat(done.eta()).isEqualTo(Duration.ZERO);
        // the switch waits for the live generation's position, not the head: an event the live generation had
        // not reached then is the new generation's to catch up on, as it would have been the old one's
        harness.caughtUp();
        assertThat(harness.timeline.timeline("client-during-replay", null, 0, 10))
                .isPresent();

        // the replaced generation goes away once the swap has settled
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !harness.database
                        .listCollectionNames()
                        .into(new java.util.ArrayList<>())
                        .contains("timeline_g1"));
        harness.clinic.registers("client-after-replay", day("2026-06-02"));
        harness.caughtUp();
        assertThat(harness.timeline.timeline("client-after-replay", null, 0, 10))
                .isPresent();
    }

    @Test
    void replayingTwiceGivesByteIdenticalReadModelsEqualToTheOnesBuiltLive() {
        RiskFlags liveFlags = harness.risk.flags("clinic-north", ProjectionsHarness.NOW, 0, 500);
        List<ClientRisk> liveLevels = levels();
        ClinicOverview liveOverview = harness.overview.overview("clinic-north", ProjectionsHarness.NOW, 0, 500);
        assertThat(liveFlags.flags().items()).isNotEmpty();
        assertThat(liveOverview.reportingDeadlines().items()).isNotEmpty();
        for (Projection projection : PROJECTIONS) {
            Map<String, List<String>> live =
                    ReadModelDump.of(harness.database, projection, new Generation(projection.name(), 1));

            harness.processors.replay(projection.name());
            awaitCompleted(projection.name());
            Map<String, List<String>> first =
                    ReadModelDump.of(harness.database, projection, new Generation(projection.name(), 2));

            harness.processors.replay(projection.name());
            awaitCompleted(projection.name());
            assertThat(harness.processors.live(projection.name()).number()).isEqualTo(3);
            Map<String, List<String>> second =
                    ReadModelDump.of(harness.database, projection, new Generation(projection.name(), 3));

            assertThat(first.values())
                    .allSatisfy(documents -> assertThat(documents).isNotEmpty());
            assertThat(second).as(projection.name() + ": second replay").isEqualTo(first);
            assertThat(first).as(projection.name() + ": replay vs live").isEqualTo(live);
        }
        assertThat(harness.risk.flags("clinic-north", ProjectionsHarness.NOW, 0, 500))
                .as("the flags judged from the replayed risk model")
                .isEqualTo(liveFlags);
        assertThat(levels()).as("every client's levels and explanations").isEqualTo(liveLevels);
        assertThat(harness.overview.overview("clinic-north", ProjectionsHarness.NOW, 0, 500))
                .isEqualTo(liveOverview);
    }

    private List<ClientRisk> levels() {
        return java.util.stream.IntStream.range(0, 150)
                .mapToObj(c -> harness.risk
                        .risk("client-" + c, null, ProjectionsHarness.NOW)
                        .orElseThrow())
                .toList();
    }

    private void awaitCompleted(String... projections) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> java.util.Arrays.stream(projections)
                        .allMatch(p -> harness.processors
                                .lastReplay(p)
                                .map(r -> r.state() == ReplayProgress.State.COMPLETED)
                                .orElse(false)));
    }
}
