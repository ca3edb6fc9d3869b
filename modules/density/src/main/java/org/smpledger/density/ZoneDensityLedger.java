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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 */
public final class ZoneDensityLedger {

    private static final Pattern ZONE_WORK_FIELD =
            Pattern.compile("zoneWork\\[(\\d{1,4})]\\.(densityAddedFraction|dotsPerCm2)");

    private final List<Session> sessions;
    private final Map<Integer, Map<ScalpZone, DensityFraction>> retainedAtCourseStart;
    private final int currentCourse;

    private record Session(
            String eventId,
            String sessionId,
            int course,
            int sessionNumber,
            Instant at,
            List<ZoneDose> doses,
            String overrideReason) {}

    private ZoneDensityLedger(
            List<Session> sessions, Map<Integer, Map<ScalpZone, DensityFraction>> retained, int currentCourse) {
        this.sessions = List.copyOf(sessions);
        this.retainedAtCourseStart = Map.copyOf(retained);
        this.currentCourse = currentCourse;
    }

    public static ZoneDensityLedger empty() {
        return new ZoneDensityLedger(List.of(), Map.of(), 1);
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
        List<Session> next = new ArrayList<>(sessions);
        next.add(new Session(eventId, sessionId, course, sessionNumber, at, List.copyOf(doses), overrideReason));
        return new ZoneDensityLedger(next, retainedAtCourseStart, Math.max(currentCourse, course));
    }

    /** Opens the next course; zones without an estimate keep all the density they had. */
    public ZoneDensityLedger withTouchUp(Map<ScalpZone, DensityFraction> retainedEstimate) {
        Map<Integer, Map<ScalpZone, DensityFraction>> retained = new LinkedHashMap<>(retainedAtCourseStart);
        retained.put(currentCourse + 1, Map.copyOf(retainedEstimate));
        return new ZoneDensityLedger(sessions, retained, currentCourse + 1);
    }

    /** Forgets a session recorded in error. */
    private ZoneDensityLedger withoutSession(String sessionEventId) {
        List<Session> next = sessions.stream()
                .filter(s -> !s.eventId().equals(sessionEventId))
                .toList();
        return new ZoneDensityLedger(next, retainedAtCourseStart, currentCourse);
    }

    /** Replaces the density of the session's {@code index}-th zone work entry. */
    private ZoneDensityLedger withCorrectedDose(String sessionEventId, int index, DensityFraction added) {
        List<Session> next = new ArrayList<>();
        for (Session s : sessions) {
            if (s.eventId().equals(sessionEventId)
                    && index >= 0
                    && index < s.doses().size()) {
                List<ZoneDose> doses = new ArrayList<>(s.doses());
                doses.set(index, new ZoneDose(doses.get(index).zone(), added));
                s = new Session(
                        s.eventId(), s.sessionId(), s.course(), s.sessionNumber(), s.at(), doses, s.overrideReason());
            }
            next.add(s);
        }
        return new ZoneDensityLedger(next, retainedAtCourseStart, currentCourse);
    }

    /**
     * Folds one treatment-record event into the ledger: sessions, touch-ups and corrections of
     * sessions (voided, or a zone's density corrected) change it; every other event leaves it as is.
     */
    public ZoneDensityLedger after(String eventId, TreatmentRecordEvent event, NaturalDensity naturalDensity) {
        if (event instanceof SessionCompleted session) {
            List<ZoneDose> doses = dosesOf(session.zoneWork(), naturalDensity);
            String override =
                    session.override() == null ? null : session.override().reason();
            return withSession(
                    eventId,
                    session.sessionId(),
                    session.course(),
                    session.sessionNumber(),
                    session.startedAt(),
                    doses,
                    override);
        }
        if (event instanceof TouchUpRequested touchUp) {
            Map<ScalpZone, DensityFraction> retained = new EnumMap<>(ScalpZone.class);
            if (touchUp.retainedDensity() != null) {
                touchUp.retainedDensity().forEach(r -> retained.put(r.zone(), DensityFraction.of(r.fraction())));
            }
            return withTouchUp(retained);
        }
        if (event instanceof RecordCorrected correction && holdsSession(correction.correctedEventId())) {
            return corrected(correction, naturalDensity);
        }
        return this;
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

    private boolean holdsSession(String eventId) {
        return sessions.stream().anyMatch(s -> s.eventId().equals(eventId));
    }

    private ZoneDensityLedger corrected(RecordCorrected correction, NaturalDensity naturalDensity) {
        if (correction.voided()) {
            return withoutSession(correction.correctedEventId());
        }
        ZoneDensityLedger ledger = this;
        if (correction.changes() == null) {
            return ledger;
        }
        for (Map.Entry<String, String> change : correction.changes().entrySet()) {
            Matcher field = ZONE_WORK_FIELD.matcher(change.getKey());
            Optional<Double> corrected = densityValue(change.getValue());
            // the domain refuses unreadable corrections; one stored anyway must not stop a stream from loading
            if (field.matches() && corrected.isPresent()) {
                double value = corrected.get();
                DensityFraction dose = field.group(2).equals("densityAddedFraction")
                        ? DensityFraction.of(value)
                        : naturalDensity.fractionOf(new DotsPerCm2(value));
                ledger =
                        ledger.withCorrectedDose(correction.correctedEventId(), Integer.parseInt(field.group(1)), dose);
            }
        }
        return ledger;
    }

    private static Optional<Double> densityValue(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
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
