package org.smpledger.density;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/** One client's course told event by event, folded into a ledger as the domain and the projections fold it. */
final class ClientCourse {

    static final Instant DAY_ONE = Instant.parse("2026-01-05T09:00:00Z");
    static final String CLIENT = "client-1";

    private ZoneDensityLedger ledger = ZoneDensityLedger.empty(DensityMeasures.DEFAULT);
    private final List<String> eventIds = new ArrayList<>();
    private int course = 1;
    private int sessionInCourse;
    private int sessions;
    private Instant now = DAY_ONE;

    /** Three round needles of 0.25 mm: healed dots of 0.325 mm. */
    static ZoneWork work(ScalpZone zone, double added) {
        return work(zone, added, 3, 0.25);
    }

    static ZoneWork work(ScalpZone zone, double added, int needles, double needleMm) {
        return new ZoneWork(zone, added, null, needles, needleMm, 0.6, List.of(), null);
    }

    ClientCourse planned(int plannedSessions, Object... zonesAndTargets) {
        List<TreatmentPlanned.ZoneTarget> targets = new ArrayList<>();
        for (int i = 0; i < zonesAndTargets.length; i += 2) {
            targets.add(new TreatmentPlanned.ZoneTarget(
                    (ScalpZone) zonesAndTargets[i], ((Number) zonesAndTargets[i + 1]).doubleValue()));
        }
        return record(new TreatmentPlanned(
                CLIENT,
                "plan-" + (eventIds.size() + 1),
                course,
                now,
                "pr-1",
                plannedSessions,
                targets,
                List.of(new TreatmentPlanned.Factor(TreatmentPlanned.FactorKind.SKIN_TYPE, "Fitzpatrick III")),
                null));
    }

    ClientCourse session(ScalpZone zone, double added) {
        return session(null, work(zone, added));
    }

    ClientCourse session(String overrideReason, ZoneWork... work) {
        sessions++;
        sessionInCourse++;
        now = now.plus(Duration.ofDays(14));
        return record(new SessionCompleted(
                CLIENT,
                "s" + sessions,
                course,
                sessionInCourse,
                now,
                now.plus(Duration.ofHours(3)),
                "pr-1",
                List.of(work),
                overrideReason == null ? null : new SessionCompleted.Override(overrideReason, "pr-lead", List.of()),
                null,
                0));
    }

    /** A healing check that found {@code retainedShare} of the course's work on the zone still there. */
    ClientCourse retained(ScalpZone zone, double retainedShare) {
        return healingCheck(
                new HealingAssessed.ZoneObservation(zone, HealingAssessed.Observation.FADING, retainedShare, null));
    }

    ClientCourse observed(ScalpZone zone, double density) {
        return healingCheck(
                new HealingAssessed.ZoneObservation(zone, HealingAssessed.Observation.FADING, null, density));
    }

    ClientCourse healingCheck(HealingAssessed.ZoneObservation... seen) {
        now = now.plus(Duration.ofDays(28));
        return record(new HealingAssessed(
                CLIENT,
                "ha-" + (eventIds.size() + 1),
                "s" + sessions,
                now,
                "pr-1",
                HealingAssessed.Outcome.AS_EXPECTED,
                List.of(seen),
                null));
    }

    ClientCourse touchUp(Map<ScalpZone, Double> retained) {
        course++;
        sessionInCourse = 0;
        now = now.plus(Duration.ofDays(1000));
        return record(new TouchUpRequested(
                CLIENT,
                "tu-" + (eventIds.size() + 1),
                now,
                TouchUpRequested.Reason.FADING,
                List.copyOf(retained.keySet()),
                "pr-1",
                retained.entrySet().stream()
                        .map(e -> new TouchUpRequested.RetainedDensity(e.getKey(), e.getValue()))
                        .toList(),
                null));
    }

    /** Corrects the {@code nth} event recorded (1-based) of type {@code type}. */
    ClientCourse corrected(int nth, String type, Map<String, String> changes) {
        return record(new RecordCorrected(CLIENT, "c" + eventIds.size(), "e" + nth, type, "typo", changes, false));
    }

    ClientCourse voided(int nth, String type) {
        return record(
                new RecordCorrected(CLIENT, "c" + eventIds.size(), "e" + nth, type, "wrong client", Map.of(), true));
    }

    ClientCourse record(TreatmentRecordEvent event) {
        String id = "e" + (eventIds.size() + 1);
        eventIds.add(id);
        ledger = ledger.after(id, event);
        return this;
    }

    ZoneDensityLedger ledger() {
        return ledger;
    }

    ZoneAssessment assess(ScalpZone zone) {
        return ledger.assess(zone, OverLayeringLimits.DEFAULT, "the default policy");
    }
}
