package org.smpledger.density;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.Correction;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * The density on each zone of one client's scalp, course by course: what sessions deposited minus
 * what healing checks observed lost. Nothing is taken as lost without an observation (the safe
 * side): a touch-up opens a new course whose zones start at the retained density the practitioner
 * estimated, or at everything the previous course left. Each course is judged against its
 * treatment plan (the latest one recorded for it). Immutable: every change returns a new ledger.
 * The domain asks it what a proposed session would break; projections ask it how each zone stands,
 * so both read density the same way.
 *
 * <p>Folded from a client's events ({@link #after}), it holds each event it reads as its corrections
 * leave it ({@link Correction}): a corrected density, zone, needle, start, retained share, plan
 * target or course counts as corrected; a voided event drops out.
 */
public final class ZoneDensityLedger {

    /** An event the ledger reads, as its corrections leave it. */
    private record Entry(String eventId, TreatmentRecordEvent event) {}

    private final DensityMeasures measures;
    private final List<Entry> entries;
    private CourseWalk walked;

    private ZoneDensityLedger(DensityMeasures measures, List<Entry> entries) {
        this.measures = measures;
        this.entries = List.copyOf(entries);
    }

    public static ZoneDensityLedger empty(DensityMeasures measures) {
        return new ZoneDensityLedger(measures, List.of());
    }

    public DensityMeasures measures() {
        return measures;
    }

    /**
     * The ledger after one more event of the client's stream: sessions, touch-ups, healing checks,
     * plans, course completions and corrections of them change it; every other event leaves it as is.
     */
    public ZoneDensityLedger after(String eventId, TreatmentRecordEvent event) {
        if (event instanceof RecordCorrected correction) {
            return corrected(correction);
        }
        if (!reads(event)) {
            return this;
        }
        List<Entry> next = new ArrayList<>(entries);
        next.add(new Entry(eventId, event));
        return new ZoneDensityLedger(measures, next);
    }

    /** Whether an event of this kind can change a ledger. */
    public static boolean reads(TreatmentRecordEvent event) {
        return JudgedEvent.of(event).canChangeDensity();
    }

    private ZoneDensityLedger corrected(RecordCorrected correction) {
        List<Entry> next = new ArrayList<>();
        boolean held = false;
        for (Entry entry : entries) {
            if (!entry.eventId().equals(correction.correctedEventId())) {
                next.add(entry);
                continue;
            }
            held = true;
            Correction.of(correction, entry.event().getClass())
                    .applyTo(entry.event())
                    .ifPresent(event -> next.add(new Entry(entry.eventId(), event)));
        }
        return held ? new ZoneDensityLedger(measures, next) : this;
    }

    private CourseWalk walk() {
        CourseWalk walk = walked;
        if (walk == null) {
            walk = new CourseWalk(measures);
            for (Entry entry : entries) {
                entry.event().accept(walk);
            }
            walked = walk;
        }
        return walk;
    }

    public int currentCourse() {
        return walk().course;
    }

    /** The treatment plan of the current course (the latest recorded for it). */
    public Optional<TreatmentPlanned> plan() {
        return Optional.ofNullable(walk().plans.get(currentCourse()));
    }

    /** The completion of the current course, when it was closed. */
    public Optional<CourseCompleted> completion() {
        return Optional.ofNullable(walk().completions.get(currentCourse()));
    }

    /** The zones on which a healing check saw loss since the zone's last session (a top-up may be due). */
    public Set<ScalpZone> zonesWithLossSinceTheirLastSession() {
        Set<ScalpZone> zones = EnumSet.noneOf(ScalpZone.class);
        walk().zones.forEach((zone, course) -> {
            if (course.lossSinceLastSession) {
                zones.add(zone);
            }
        });
        return zones;
    }

    /** Sessions recorded in the current course (on any zone). */
    public int sessionsInCurrentCourse() {
        return walk().sessionsInCourse;
    }

    /** Every zone that carries or carried density, in {@link ScalpZone} order. */
    public Set<ScalpZone> zones() {
        Set<ScalpZone> zones = EnumSet.noneOf(ScalpZone.class);
        zones.addAll(walk().zones.keySet());
        return zones;
    }

    /** Where every zone stands in the current course. */
    public List<ZoneStanding> standings() {
        return zones().stream().map(this::standing).toList();
    }

    public ZoneStanding standing(ScalpZone zone) {
        return standingOf(course(zone));
    }

    public List<ZoneAssessment> assess(OverLayeringLimits limits, String judgedBy) {
        return zones().stream().map(zone -> assess(zone, limits, judgedBy)).toList();
    }

    public ZoneAssessment assess(ScalpZone zone, OverLayeringLimits limits, String judgedBy) {
        ZoneCourse course = course(zone);
        ZoneStanding standing = standingOf(course);
        List<Finding> findings = limits.judge(standing).stream()
                .map(f -> detailed(f, course, limits))
                .toList();
        RiskLevel level = findings.stream().map(Finding::level).reduce(RiskLevel.OK, RiskLevel::worse);
        return new ZoneAssessment(
                standing,
                level,
                findings,
                List.copyOf(course.contributions),
                List.copyOf(course.checks),
                judgedBy,
                explanation(standing, findings, course, limits, judgedBy));
    }

    /** The limits a session doing this work now would go past; empty when it may go ahead. */
    public List<LimitBreach> breachesIf(List<SessionCompleted.ZoneWork> proposed, OverLayeringLimits limits) {
        Map<ScalpZone, DensityFraction> doses = new LinkedHashMap<>();
        Map<ScalpZone, Millimetres> dots = new EnumMap<>(ScalpZone.class);
        for (SessionCompleted.ZoneWork work : proposed) {
            doses.merge(work.zone(), measures.doseOf(work), DensityFraction::plus);
            measures.healedDotOf(work).ifPresent(dot -> dots.merge(work.zone(), dot, Millimetres::larger));
        }
        List<LimitBreach> breaches = new ArrayList<>();
        doses.forEach((zone, dose) -> {
            ZoneStanding now = standing(zone);
            String name = name(zone);
            DensityFraction after = now.density().plus(dose);
            if (after.exceeds(limits.densityCeiling())) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.DENSITY_CEILING,
                        after.value(),
                        limits.densityCeiling().value(),
                        "%s would go from %s to %s, past the ceiling of %s"
                                .formatted(
                                        name,
                                        now.density().amount(),
                                        after.amount(),
                                        limits.densityCeiling().amount())));
            }
            int sessionsAfter = now.sessionsInCourse() + 1;
            if (sessionsAfter > limits.maxSessionsPerCourse()) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.SESSIONS_PER_COURSE,
                        sessionsAfter,
                        limits.maxSessionsPerCourse(),
                        "this would be session %d on %s in course %d; the limit is %d"
                                .formatted(sessionsAfter, name, now.course(), limits.maxSessionsPerCourse())));
            }
            if (dose.exceeds(limits.maxAddedPerSession())) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.DOSE_PER_SESSION,
                        dose.value(),
                        limits.maxAddedPerSession().value(),
                        "this session would add %s to %s, more than one session may add (%s)"
                                .formatted(
                                        dose.amount(),
                                        name,
                                        limits.maxAddedPerSession().amount())));
            }
            Millimetres dot = dots.containsKey(zone) ? dots.get(zone).larger(now.healedDot()) : now.healedDot();
            double centre = measures.naturalDensity().meanSpacingMmAt(after);
            double gap = Tolerance.round(centre - (dot == null ? 0 : dot.value()));
            if (Double.isFinite(gap) && gap < limits.minimumDotGap().value() - Tolerance.EPSILON) {
                breaches.add(new LimitBreach(
                        zone,
                        Limit.DOT_SPACING,
                        gap,
                        limits.minimumDotGap().value(),
                        "%s on %s would be %s mm apart edge to edge at %s of natural density, less than the minimum of %s"
                                .formatted(
                                        dot == null ? "dots" : "healed dots of " + dot,
                                        name,
                                        Tolerance.format(gap),
                                        after.amount(),
                                        limits.minimumDotGap())));
            }
        });
        return List.copyOf(breaches);
    }

    /** The density one zone's work added: its fraction, or its dots per cm2 counted against natural density. */
    public static DensityFraction doseOf(Double fraction, Double dotsPerCm2, NaturalDensity naturalDensity) {
        if (fraction != null) {
            return DensityFraction.of(fraction);
        }
        if (dotsPerCm2 != null) {
            return DensityFraction.of(Tolerance.round(
                    naturalDensity.fractionOf(new DotsPerCm2(dotsPerCm2)).value()));
        }
        return DensityFraction.NONE;
    }

    static String name(ScalpZone zone) {
        return zone.name().toLowerCase().replace('_', '-');
    }

    private ZoneCourse course(ScalpZone zone) {
        ZoneCourse course = walk().zones.get(zone);
        return course != null ? course : new ZoneCourse(zone, currentCourse(), DensityFraction.NONE, null);
    }

    private ZoneStanding standingOf(ZoneCourse course) {
        TreatmentPlanned plan = walk().plans.get(course.course);
        ZoneStanding.Plan zonePlan = null;
        List<String> beyondPlan = List.of();
        if (plan != null) {
            DensityFraction target = null;
            if (plan.targets() != null) {
                for (TreatmentPlanned.ZoneTarget t : plan.targets()) {
                    if (t.zone() == course.zone) {
                        target = DensityFraction.of(t.targetDensity());
                    }
                }
            }
            zonePlan = new ZoneStanding.Plan(plan.planId(), plan.plannedSessions(), target);
            beyondPlan = beyondPlan(course, plan.plannedSessions()).stream()
                    .map(c -> "session %d (%s)".formatted(c.sessionNumber(), c.sessionId()))
                    .toList();
        }
        DensityFraction largest = course.contributions.stream()
                .map(Contribution::added)
                .max(DensityFraction::compareTo)
                .orElse(DensityFraction.NONE);
        return new ZoneStanding(
                course.zone,
                course.course,
                course.baseline,
                course.density,
                course.contributions.size(),
                Tolerance.round(measures.naturalDensity().meanSpacingMmAt(course.density)),
                course.healedDot,
                largest,
                zonePlan,
                beyondPlan,
                List.copyOf(course.blurSeen));
    }

    /** Sessions on the zone past the plan's number that no observed loss preceded. */
    private static List<Contribution> beyondPlan(ZoneCourse course, int plannedSessions) {
        List<Contribution> beyond = new ArrayList<>();
        for (int i = plannedSessions; i < course.contributions.size(); i++) {
            Contribution c = course.contributions.get(i);
            if (!c.restoresObservedLoss()) {
                beyond.add(c);
            }
        }
        return beyond;
    }

    /** A finding with the sessions that brought it about. */
    private Finding detailed(Finding finding, ZoneCourse course, OverLayeringLimits limits) {
        StringBuilder why = new StringBuilder(finding.explanation());
        switch (finding.limit()) {
            case DENSITY_CEILING -> {
                if (course.baseline.exceeds(limits.densityCeiling())) {
                    why.append("; the course started at %s carried over from earlier courses"
                            .formatted(course.baseline.amount()));
                }
                for (Contribution c : course.contributions) {
                    if (c.cumulativeAfter().exceeds(limits.densityCeiling())) {
                        why.append("; %s session %d (%s) adding %s, from %s to %s"
                                .formatted(
                                        c.before().exceeds(limits.densityCeiling())
                                                ? "then"
                                                : "pushed past the ceiling by",
                                        c.sessionNumber(),
                                        c.sessionId(),
                                        c.added().amount(),
                                        c.before().amount(),
                                        c.cumulativeAfter().amount()));
                    }
                }
            }
            case SESSIONS_PER_COURSE -> {
                List<Contribution> cs = course.contributions;
                for (Contribution c : cs.subList(Math.min(limits.maxSessionsPerCourse(), cs.size()), cs.size())) {
                    why.append("; session %d (%s) went past it".formatted(c.sessionNumber(), c.sessionId()));
                }
            }
            case DOSE_PER_SESSION -> {
                for (Contribution c : course.contributions) {
                    if (c.added().exceeds(limits.maxAddedPerSession())) {
                        why.append("; session %d (%s) added %s"
                                .formatted(
                                        c.sessionNumber(),
                                        c.sessionId(),
                                        c.added().amount()));
                    }
                }
            }
            case TREATMENT_PLAN, DOT_SPACING -> {}
        }
        return new Finding(finding.limit(), finding.level(), finding.actual(), finding.limitValue(), why.toString());
    }

    private String explanation(
            ZoneStanding standing,
            List<Finding> findings,
            ZoneCourse course,
            OverLayeringLimits limits,
            String judgedBy) {
        List<String> parts = new ArrayList<>();
        String zone = name(standing.zone());
        if (findings.isEmpty()) {
            parts.add("%s is at %s of natural density after %d session%s in course %d: within every limit and the plan"
                    .formatted(
                            zone,
                            standing.density().amount(),
                            standing.sessionsInCourse(),
                            standing.sessionsInCourse() == 1 ? "" : "s",
                            standing.course()));
        } else {
            findings.forEach(f -> parts.add(f.explanation()));
        }
        ZoneStanding.Plan plan = standing.plan();
        if (plan == null) {
            parts.add("No treatment plan for course %d: judged against the clinic's usual target of %s"
                    .formatted(standing.course(), limits.usualTarget().amount()));
        } else if (plan.target() == null) {
            parts.add("Treatment plan %s: %d sessions; %s is not in it"
                    .formatted(plan.planId(), plan.plannedSessions(), zone));
        } else {
            parts.add("Treatment plan %s: %d sessions to %s on %s%s"
                    .formatted(
                            plan.planId(),
                            plan.plannedSessions(),
                            plan.target().amount(),
                            zone,
                            standing.density().exceeds(plan.target())
                                            || plan.target().exceeds(standing.density())
                                    ? ", now " + standing.density().amount()
                                    : ", reached"));
        }
        if (!standing.baseline().isNone()) {
            parts.add("Course %d started at %s carried over from earlier courses"
                    .formatted(standing.course(), standing.baseline().amount()));
        }
        if (!course.contributions.isEmpty()) {
            parts.add("Sessions: "
                    + course.contributions.stream()
                            .map(c -> "%d (%s, %s) added %s, %s to %s%s"
                                    .formatted(
                                            c.sessionNumber(),
                                            c.sessionId(),
                                            day(c),
                                            c.added().amount(),
                                            c.before().amount(),
                                            c.cumulativeAfter().amount(),
                                            c.restoresObservedLoss() ? ", restoring observed loss" : ""))
                            .collect(Collectors.joining("; ")));
        }
        if (!course.checks.isEmpty()) {
            parts.add("Healing checks: "
                    + course.checks.stream().map(ZoneDensityLedger::check).collect(Collectors.joining("; ")));
        } else if (standing.sessionsInCourse() > 0) {
            parts.add("No loss observed: nothing is taken as faded");
        }
        List<Contribution> overridden =
                course.contributions.stream().filter(Contribution::overridden).toList();
        if (!overridden.isEmpty()) {
            parts.add("Overrides: "
                    + overridden.stream()
                            .map(c -> "session %d (%s): %s"
                                    .formatted(c.sessionNumber(), c.sessionId(), c.overrideReason()))
                            .collect(Collectors.joining("; ")));
        }
        if (!standing.empty()) {
            parts.add("%s, %s mm apart edge to edge (minimum %s)"
                    .formatted(
                            standing.healedDot() == null
                                    ? "Dot size unknown"
                                    : "Healed dots of " + standing.healedDot(),
                            Tolerance.format(standing.dotGapMm()),
                            limits.minimumDotGap()));
        }
        parts.add("Judged by " + judgedBy);
        return String.join(". ", parts) + ".";
    }

    private static String check(RetentionCheck check) {
        String seen = check.observedDensity() != null
                ? "saw %s of natural density".formatted(Tolerance.format(check.observedDensity()))
                : "found %s%% of the course's work retained"
                        .formatted(Tolerance.format(check.retainedFraction() * 100));
        String change = check.sawLoss()
                ? "%s lost".formatted(Tolerance.format(check.lost()))
                : check.lost() < 0 ? "more than counted" : "nothing lost";
        return "%s (%s) %s, %s to %s (%s)"
                .formatted(
                        check.assessmentId(),
                        LocalDate.ofInstant(check.at(), ZoneOffset.UTC),
                        seen,
                        check.before().amount(),
                        check.after().amount(),
                        change);
    }

    private static LocalDate day(Contribution c) {
        return LocalDate.ofInstant(c.at(), ZoneOffset.UTC);
    }

    /** One zone in the current course, as the walk builds it. */
    private static final class ZoneCourse {
        final ScalpZone zone;
        final int course;
        final DensityFraction baseline;
        DensityFraction density;
        Millimetres healedDot;
        final List<Contribution> contributions = new ArrayList<>();
        final List<RetentionCheck> checks = new ArrayList<>();
        /** Healing checks of this course that saw dots spreading on the zone ("blurring by ha-2"). */
        final List<String> blurSeen = new ArrayList<>();

        boolean lossSinceLastSession;

        ZoneCourse(ScalpZone zone, int course, DensityFraction baseline, Millimetres carriedDot) {
            this.zone = zone;
            this.course = course;
            this.baseline = baseline;
            this.density = baseline;
            this.healedDot = baseline.isNone() ? null : carriedDot;
        }
    }

    /** What a healing check can see that means dots spread into each other: the blur the limits guard against. */
    private static final Set<HealingAssessed.Observation> BLURRED = EnumSet.of(
            HealingAssessed.Observation.BLOWOUT,
            HealingAssessed.Observation.BLURRING,
            HealingAssessed.Observation.HALO,
            HealingAssessed.Observation.MIGRATION);

    private static String words(HealingAssessed.Observation observation) {
        return observation.name().toLowerCase();
    }

    /** Walks the ledger's events in stream order, keeping each zone's current course. */
    private static final class CourseWalk implements TreatmentRecordEvent.Visitor<Void> {
        private final DensityMeasures measures;
        int course = 1;
        int sessionsInCourse;
        final Map<ScalpZone, ZoneCourse> zones = new EnumMap<>(ScalpZone.class);
        final Map<Integer, TreatmentPlanned> plans = new LinkedHashMap<>();
        final Map<Integer, CourseCompleted> completions = new LinkedHashMap<>();

        CourseWalk(DensityMeasures measures) {
            this.measures = measures;
        }

        private ZoneCourse zone(ScalpZone zone) {
            return zones.computeIfAbsent(zone, z -> new ZoneCourse(z, course, DensityFraction.NONE, null));
        }

        /** Opens course {@code next}: each zone starts at its estimate, or keeps all it has. */
        private void open(int next, Map<ScalpZone, DensityFraction> estimates) {
            Map<ScalpZone, ZoneCourse> opened = new EnumMap<>(ScalpZone.class);
            zones.forEach((zone, now) -> opened.put(
                    zone, new ZoneCourse(zone, next, estimates.getOrDefault(zone, now.density), now.healedDot)));
            estimates.forEach((zone, estimate) -> opened.putIfAbsent(zone, new ZoneCourse(zone, next, estimate, null)));
            zones.clear();
            zones.putAll(opened);
            course = next;
            sessionsInCourse = 0;
        }

        @Override
        public Void visit(SessionCompleted session) {
            if (session.course() > course) {
                open(session.course(), Map.of());
            }
            Map<ScalpZone, DensityFraction> doses = new LinkedHashMap<>();
            Map<ScalpZone, Millimetres> dots = new EnumMap<>(ScalpZone.class);
            for (SessionCompleted.ZoneWork work :
                    session.zoneWork() == null ? List.<SessionCompleted.ZoneWork>of() : session.zoneWork()) {
                if (work == null || work.zone() == null) {
                    continue;
                }
                doses.merge(work.zone(), measures.doseOf(work), DensityFraction::plus);
                measures.healedDotOf(work).ifPresent(dot -> dots.merge(work.zone(), dot, Millimetres::larger));
            }
            sessionsInCourse++;
            String reason = session.override() == null
                    ? null
                    : session.override().reason() != null
                            ? session.override().reason()
                            : Contribution.REASON_WITH_PERSONAL_DATA;
            doses.forEach((zone, dose) -> {
                ZoneCourse z = zone(zone);
                DensityFraction before = z.density;
                z.density = before.plus(dose);
                Millimetres dot = dots.get(zone);
                if (dot != null) {
                    z.healedDot = dot.larger(z.healedDot);
                }
                z.contributions.add(new Contribution(
                        session.sessionId(),
                        session.course(),
                        session.sessionNumber(),
                        session.startedAt(),
                        dose,
                        before,
                        z.density,
                        dot,
                        reason,
                        z.lossSinceLastSession));
                z.lossSinceLastSession = false;
            });
            return null;
        }

        @Override
        public Void visit(TouchUpRequested touchUp) {
            Map<ScalpZone, DensityFraction> estimates = new EnumMap<>(ScalpZone.class);
            if (touchUp.retainedDensity() != null) {
                touchUp.retainedDensity().stream()
                        .filter(r -> r != null && r.zone() != null)
                        .forEach(r -> estimates.put(r.zone(), DensityFraction.of(r.fraction())));
            }
            open(course + 1, estimates);
            return null;
        }

        @Override
        public Void visit(HealingAssessed assessment) {
            if (assessment.observations() == null) {
                return null;
            }
            for (HealingAssessed.ZoneObservation seen : assessment.observations()) {
                if (seen == null || seen.zone() == null) {
                    continue;
                }
                if (seen.observation() != null && BLURRED.contains(seen.observation())) {
                    zone(seen.zone())
                            .blurSeen
                            .add("%s by %s".formatted(words(seen.observation()), assessment.assessmentId()));
                }
                if (seen.retainedFraction() == null && seen.observedDensity() == null) {
                    continue;
                }
                ZoneCourse z = zone(seen.zone());
                DensityFraction before = z.density;
                DensityFraction after;
                if (seen.observedDensity() != null) {
                    after = DensityFraction.of(seen.observedDensity());
                } else {
                    double kept = Math.min(1, Math.max(0, seen.retainedFraction()));
                    after = z.baseline.plus(before.minus(z.baseline).times(kept));
                }
                z.checks.add(new RetentionCheck(
                        assessment.assessmentId(),
                        assessment.sessionId(),
                        assessment.assessedAt(),
                        before,
                        after,
                        seen.retainedFraction(),
                        seen.observedDensity()));
                if (before.exceeds(after)) {
                    z.lossSinceLastSession = true;
                }
                z.density = after;
            }
            return null;
        }

        @Override
        public Void visit(TreatmentPlanned plan) {
            plans.put(plan.course(), plan);
            return null;
        }

        @Override
        public Void visit(CourseCompleted completion) {
            completions.put(completion.course(), completion);
            return null;
        }

        @Override
        public Void visit(ClientRegistered event) {
            return null;
        }

        @Override
        public Void visit(ClientDetailsCorrected event) {
            return null;
        }

        @Override
        public Void visit(ClientPersonalDataErased event) {
            return null;
        }

        @Override
        public Void visit(ConsultationHeld event) {
            return null;
        }

        @Override
        public Void visit(ContraindicationScreened event) {
            return null;
        }

        @Override
        public Void visit(ConsentSigned event) {
            return null;
        }

        @Override
        public Void visit(PatchTestRecorded event) {
            return null;
        }

        @Override
        public Void visit(HairlineDesigned event) {
            return null;
        }

        @Override
        public Void visit(AftercareIssued event) {
            return null;
        }

        @Override
        public Void visit(AdverseReactionReported event) {
            return null;
        }

        @Override
        public Void visit(ReactionReportedToAuthority event) {
            return null;
        }

        @Override
        public Void visit(RecordCorrected event) {
            return null;
        }
    }
}
