package org.smpledger.density;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.Correction;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * The density each session added to each zone of one client, course by course. A touch-up opens
 * a new course whose starting density per zone is the retained density the practitioner estimated,
 * or, without an estimate, everything the previous course left (nothing assumed faded).
 * Immutable: every change returns a new ledger. The domain asks it what a proposed session would
 * break; projections ask it how each zone stands, so both read density the same way.
 *
 * <p>Folded from a client's events ({@link #after}), it holds each session and touch-up as its
 * corrections leave it ({@link Correction}): a corrected field of any kind (a zone's density or
 * zone, a session's start, a retained estimate) counts as corrected, a voided event drops out.
 */
public final class ZoneDensityLedger {

    private static final UnaryOperator<ZoneDensityLedger> UNCHANGED = ledger -> ledger;

    /** What moved density, in stream order; {@code recorded} is the event (as corrected) it was read from. */
    private sealed interface Entry permits Session, TouchUp {
        String eventId();

        TreatmentRecordEvent recorded();
    }

    private record Session(
            String eventId,
            String sessionId,
            int course,
            int sessionNumber,
            Instant at,
            List<ZoneDose> doses,
            String overrideReason,
            SessionCompleted recorded)
            implements Entry {}

    private record TouchUp(String eventId, Map<ScalpZone, DensityFraction> retained, TouchUpRequested recorded)
            implements Entry {}

    private final List<Entry> entries;
    private final List<Session> sessions = new ArrayList<>();
    private final Map<Integer, Map<ScalpZone, DensityFraction>> retainedAtCourseStart = new LinkedHashMap<>();
    private final int currentCourse;

    private ZoneDensityLedger(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        int course = 1;
        for (Entry entry : this.entries) {
            if (entry instanceof Session session) {
                sessions.add(session);
                course = Math.max(course, session.course());
            } else {
                retainedAtCourseStart.put(course + 1, ((TouchUp) entry).retained());
                course++;
            }
        }
        this.currentCourse = course;
    }

    public static ZoneDensityLedger empty() {
        return new ZoneDensityLedger(List.of());
    }

    public int currentCourse() {
        return currentCourse;
    }

    /** Records a completed session (doses in the order the session listed its zone work). */
    public ZoneDensityLedger withSession(
            String eventId,
            String sessionId,
            int course,
            int sessionNumber,
            Instant at,
            List<ZoneDose> doses,
            String overrideReason) {
        return with(
                new Session(eventId, sessionId, course, sessionNumber, at, List.copyOf(doses), overrideReason, null));
    }

    /** Opens the next course; zones without an estimate keep all the density they had. */
    public ZoneDensityLedger withTouchUp(Map<ScalpZone, DensityFraction> retainedEstimate) {
        return with(new TouchUp(null, Map.copyOf(retainedEstimate), null));
    }

    private ZoneDensityLedger with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        return new ZoneDensityLedger(next);
    }

    /**
     * Folds one treatment-record event into the ledger: sessions, touch-ups and corrections of
     * them change it; every other event leaves it as is.
     */
    public ZoneDensityLedger after(String eventId, TreatmentRecordEvent event, NaturalDensity naturalDensity) {
        return folding(eventId, event, naturalDensity).apply(this);
    }

    /** Whether an event of this kind can change a ledger (sessions, touch-ups, corrections). */
    public static boolean reads(TreatmentRecordEvent event) {
        return folding("", event, NaturalDensity.DEFAULT) != UNCHANGED;
    }

    private static UnaryOperator<ZoneDensityLedger> folding(
            String eventId, TreatmentRecordEvent event, NaturalDensity naturalDensity) {
        return event.accept(new TreatmentRecordEvent.Visitor<>() {
            @Override
            public UnaryOperator<ZoneDensityLedger> visit(SessionCompleted session) {
                return ledger -> ledger.with(sessionOf(eventId, session, naturalDensity));
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(TouchUpRequested touchUp) {
                return ledger -> ledger.with(touchUpOf(eventId, touchUp));
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(RecordCorrected correction) {
                return ledger -> ledger.corrected(correction, naturalDensity);
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ClientRegistered event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ClientDetailsCorrected event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ClientPersonalDataErased event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ConsultationHeld event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ContraindicationScreened event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(ConsentSigned event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(PatchTestRecorded event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(HairlineDesigned event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(AftercareIssued event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(HealingAssessed event) {
                return UNCHANGED;
            }

            @Override
            public UnaryOperator<ZoneDensityLedger> visit(AdverseReactionReported event) {
                return UNCHANGED;
            }
        });
    }

    private static Session sessionOf(String eventId, SessionCompleted session, NaturalDensity naturalDensity) {
        return new Session(
                eventId,
                session.sessionId(),
                session.course(),
                session.sessionNumber(),
                session.startedAt(),
                dosesOf(session.zoneWork(), naturalDensity),
                session.override() == null ? null : session.override().reason(),
                session);
    }

    private static TouchUp touchUpOf(String eventId, TouchUpRequested touchUp) {
        Map<ScalpZone, DensityFraction> retained = new EnumMap<>(ScalpZone.class);
        if (touchUp.retainedDensity() != null) {
            touchUp.retainedDensity().forEach(r -> retained.put(r.zone(), DensityFraction.of(r.fraction())));
        }
        return new TouchUp(eventId, Map.copyOf(retained), touchUp);
    }

    /** The session or touch-up the correction names, as the correction leaves it; gone when voided. */
    private ZoneDensityLedger corrected(RecordCorrected correction, NaturalDensity naturalDensity) {
        List<Entry> next = new ArrayList<>();
        boolean held = false;
        for (Entry entry : entries) {
            if (entry.recorded() == null || !entry.eventId().equals(correction.correctedEventId())) {
                next.add(entry);
                continue;
            }
            held = true;
            Correction.of(correction, entry.recorded().getClass())
                    .applyTo(entry.recorded())
                    .map(event -> event instanceof SessionCompleted session
                            ? sessionOf(entry.eventId(), session, naturalDensity)
                            : touchUpOf(entry.eventId(), (TouchUpRequested) event))
                    .ifPresent(next::add);
        }
        return held ? new ZoneDensityLedger(next) : this;
    }

    /** The density each zone's work adds, in the order the work lists the zones. */
    public static List<ZoneDose> dosesOf(List<SessionCompleted.ZoneWork> zoneWork, NaturalDensity naturalDensity) {
        return zoneWork.stream()
                .map(work -> new ZoneDose(
                        work.zone(), doseOf(work.densityAddedFraction(), work.dotsPerCm2(), naturalDensity)))
                .toList();
    }

    public static DensityFraction doseOf(Double fraction, Double dotsPerCm2, NaturalDensity naturalDensity) {
        if (fraction != null) {
            return DensityFraction.of(fraction);
        }
        if (dotsPerCm2 != null) {
            return naturalDensity.fractionOf(new DotsPerCm2(dotsPerCm2));
        }
        return DensityFraction.NONE;
    }

    /** Every zone worked on so far, in {@link ScalpZone} order. */
    public Set<ScalpZone> zones() {
        Set<ScalpZone> zones = EnumSet.noneOf(ScalpZone.class);
        sessions.forEach(s -> s.doses().forEach(d -> zones.add(d.zone())));
        retainedAtCourseStart.values().forEach(m -> zones.addAll(m.keySet()));
        return zones;
    }

    public List<ZoneAssessment> assess(OverLayeringLimits limits) {
        return zones().stream().map(zone -> assess(zone, limits)).toList();
    }

    public ZoneAssessment assess(ScalpZone zone, OverLayeringLimits limits) {
        DensityFraction baseline = densityAtStartOf(currentCourse, zone);
        List<Contribution> contributions = contributions(zone, currentCourse, baseline);
        DensityFraction cumulative = contributions.isEmpty()
                ? baseline
                : contributions.get(contributions.size() - 1).cumulativeAfter();
        double spacing = limits.naturalDensity().meanSpacingMmAt(cumulative);
        List<Finding> findings = new ArrayList<>();
        densityFinding(zone, baseline, cumulative, contributions, limits).ifPresent(findings::add);
        sessionsFinding(zone, contributions, limits).ifPresent(findings::add);
        spacingFinding(zone, cumulative, spacing, limits).ifPresent(findings::add);
        RiskLevel level = findings.stream().map(Finding::level).reduce(RiskLevel.OK, RiskLevel::worse);
        return new ZoneAssessment(
                zone,
                currentCourse,
                baseline,
                cumulative,
                contributions.size(),
                Tolerance.round(spacing),
                level,
                List.copyOf(findings),
                contributions);
    }

    /** The limits a session adding these doses now would break; empty when it may go ahead. */
    public List<LimitBreach> breachesIf(List<ZoneDose> proposed, OverLayeringLimits limits) {
        Map<ScalpZone, DensityFraction> added = new EnumMap<>(ScalpZone.class);
        proposed.forEach(d -> added.merge(d.zone(), d.added(), DensityFraction::plus));
        List<LimitBreach> breaches = new ArrayList<>();
        added.forEach((zone, dose) -> {
            ZoneAssessment now = assess(zone, limits);
            DensityFraction after = now.cumulative().plus(dose);
            if (after.exceeds(limits.densityCeiling())) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.DENSITY_CEILING,
                        Tolerance.round(after.value()),
                        limits.densityCeiling().value(),
                        "%s would go from %s to %s, past the ceiling of %s"
                                .formatted(
                                        name(zone),
                                        Tolerance.format(now.cumulative().value()),
                                        Tolerance.format(after.value()),
                                        Tolerance.format(limits.densityCeiling().value()))));
            }
            int sessionsAfter = now.sessionsInCourse() + 1;
            if (sessionsAfter > limits.maxSessionsPerCourse()) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.SESSIONS_PER_COURSE,
                        sessionsAfter,
                        limits.maxSessionsPerCourse(),
                        "this would be session %d on %s in course %d; the limit is %d"
                                .formatted(sessionsAfter, name(zone), currentCourse, limits.maxSessionsPerCourse())));
            }
            double spacingAfter = limits.naturalDensity().meanSpacingMmAt(after);
            if (spacingAfter < limits.minMeanDotSpacing().value() - Tolerance.EPSILON) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.MEAN_DOT_SPACING,
                        Tolerance.round(spacingAfter),
                        limits.minMeanDotSpacing().value(),
                        "mean dot spacing on %s would fall to %s mm, below the minimum of %s mm"
                                .formatted(
                                        name(zone),
                                        Tolerance.format(spacingAfter),
                                        Tolerance.format(
                                                limits.minMeanDotSpacing().value()))));
            }
        });
        return List.copyOf(breaches);
    }

    private DensityFraction densityAtStartOf(int course, ScalpZone zone) {
        if (course <= 1) {
            return DensityFraction.NONE;
        }
        DensityFraction estimate =
                retainedAtCourseStart.getOrDefault(course, Map.of()).get(zone);
        if (estimate != null) {
            return estimate;
        }
        DensityFraction previousStart = densityAtStartOf(course - 1, zone);
        List<Contribution> previous = contributions(zone, course - 1, previousStart);
        return previous.isEmpty()
                ? previousStart
                : previous.get(previous.size() - 1).cumulativeAfter();
    }

    private List<Contribution> contributions(ScalpZone zone, int course, DensityFraction baseline) {
        List<Contribution> contributions = new ArrayList<>();
        DensityFraction running = baseline;
        for (Session s : sessions) {
            if (s.course() != course) {
                continue;
            }
            Optional<DensityFraction> dose = s.doses().stream()
                    .filter(d -> d.zone() == zone)
                    .map(ZoneDose::added)
                    .reduce(DensityFraction::plus);
            if (dose.isPresent()) {
                running = running.plus(dose.get());
                contributions.add(new Contribution(
                        s.sessionId(),
                        s.course(),
                        s.sessionNumber(),
                        s.at(),
                        dose.get(),
                        DensityFraction.of(Tolerance.round(running.value())),
                        s.overrideReason()));
            }
        }
        return contributions;
    }

    private static Optional<Finding> densityFinding(
            ScalpZone zone,
            DensityFraction baseline,
            DensityFraction cumulative,
            List<Contribution> contributions,
            OverLayeringLimits limits) {
        double ceiling = limits.densityCeiling().value();
        if (cumulative.exceeds(limits.densityCeiling())) {
            StringBuilder why = new StringBuilder("%s is at %s of natural density, %s over the ceiling of %s"
                    .formatted(
                            name(zone),
                            Tolerance.format(cumulative.value()),
                            Tolerance.format(cumulative.value() - ceiling),
                            Tolerance.format(ceiling)));
            if (baseline.exceeds(limits.densityCeiling())) {
                why.append("; the course started at %s carried over from earlier courses"
                        .formatted(Tolerance.format(baseline.value())));
            }
            DensityFraction before = baseline;
            for (Contribution c : contributions) {
                if (c.cumulativeAfter().exceeds(limits.densityCeiling())) {
                    String crossing = before.exceeds(limits.densityCeiling()) ? "then" : "pushed past the ceiling by";
                    why.append("; %s session %d (%s) adding %s, from %s to %s"
                            .formatted(
                                    crossing,
                                    c.sessionNumber(),
                                    c.sessionId(),
                                    Tolerance.format(c.added().value()),
                                    Tolerance.format(before.value()),
                                    Tolerance.format(c.cumulativeAfter().value())));
                }
                before = c.cumulativeAfter();
            }
            return Optional.of(
                    new Finding(Limit.DENSITY_CEILING, RiskLevel.HIGH, cumulative.value(), ceiling, why.toString()));
        }
        double watchFrom = ceiling * limits.watchRatio();
        if (cumulative.value() >= watchFrom - Tolerance.EPSILON && cumulative.value() > 0) {
            return Optional.of(new Finding(
                    Limit.DENSITY_CEILING,
                    RiskLevel.WATCH,
                    cumulative.value(),
                    ceiling,
                    "%s is at %s of natural density, within %s of the ceiling of %s (watch from %s)"
                            .formatted(
                                    name(zone),
                                    Tolerance.format(cumulative.value()),
                                    Tolerance.format(ceiling - cumulative.value()),
                                    Tolerance.format(ceiling),
                                    Tolerance.format(watchFrom))));
        }
        return Optional.empty();
    }

    private Optional<Finding> sessionsFinding(
            ScalpZone zone, List<Contribution> contributions, OverLayeringLimits limits) {
        int count = contributions.size();
        int max = limits.maxSessionsPerCourse();
        if (count > max) {
            StringBuilder why = new StringBuilder("%s has had %d sessions in course %d, %d over the limit of %d"
                    .formatted(name(zone), count, currentCourse, count - max, max));
            for (Contribution c : contributions.subList(max, count)) {
                why.append("; session %d (%s) went past it".formatted(c.sessionNumber(), c.sessionId()));
            }
            return Optional.of(new Finding(Limit.SESSIONS_PER_COURSE, RiskLevel.HIGH, count, max, why.toString()));
        }
        if (count == max) {
            return Optional.of(new Finding(
                    Limit.SESSIONS_PER_COURSE,
                    RiskLevel.WATCH,
                    count,
                    max,
                    "%s has reached the limit of %d sessions in course %d: another needs a reason"
                            .formatted(name(zone), max, currentCourse)));
        }
        return Optional.empty();
    }

    private static Optional<Finding> spacingFinding(
            ScalpZone zone, DensityFraction cumulative, double spacing, OverLayeringLimits limits) {
        double min = limits.minMeanDotSpacing().value();
        if (spacing < min - Tolerance.EPSILON) {
            return Optional.of(new Finding(
                    Limit.MEAN_DOT_SPACING,
                    RiskLevel.HIGH,
                    Tolerance.round(spacing),
                    min,
                    "dots on %s are %s mm apart on average at %s of natural density, closer than the minimum of %s mm"
                            .formatted(
                                    name(zone),
                                    Tolerance.format(spacing),
                                    Tolerance.format(cumulative.value()),
                                    Tolerance.format(min))));
        }
        double watchBelow = min / Math.sqrt(limits.watchRatio());
        if (spacing < watchBelow - Tolerance.EPSILON) {
            return Optional.of(new Finding(
                    Limit.MEAN_DOT_SPACING,
                    RiskLevel.WATCH,
                    Tolerance.round(spacing),
                    min,
                    "dots on %s are %s mm apart on average, near the minimum of %s mm"
                            .formatted(name(zone), Tolerance.format(spacing), Tolerance.format(min))));
        }
        return Optional.empty();
    }

    private static String name(ScalpZone zone) {
        return zone.name().toLowerCase().replace('_', '-');
    }
}
