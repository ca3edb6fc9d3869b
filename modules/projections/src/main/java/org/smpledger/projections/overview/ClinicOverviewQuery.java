package org.smpledger.projections.overview;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.smpledger.events.clinic.ClinicPolicyHistory;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClinicPolicyVersion;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/**
 * Reads a clinic's overview with exact keys only: the clinic's policies by {@code _id}, its roster's
 * buckets by one {@code _id $in}, then its clients' lines by {@code _id $in} (100 ids per query),
 * always from the live generation ({@link LiveGenerations#byIds}); the day-dependent parts are worked out here,
 * by the clinic's policy in force on {@code today} (intervals, touch-up cadence) or when a reaction
 * was observed (its reporting rule).
 */
public final class ClinicOverviewQuery {

    private final LiveGenerations generations;
    private final ClinicRules deploymentDefault;

    public ClinicOverviewQuery(LiveGenerations generations, ClinicRules deploymentDefault) {
        this.generations = generations;
        this.deploymentDefault = deploymentDefault;
    }

    /** The clinic's adopted policies (the deployment's rules before the first). */
    private ClinicPolicyHistory policies(String clinicId) {
        StoredOverview.ClinicPolicies stored =
                generations.byId(ClinicOverviewProjection.NAME, StoredOverview.ClinicPolicies.MODEL, clinicId);
        return AdoptedPolicies.of(clinicId, deploymentDefault, stored == null ? null : stored.policies(), null);
    }

    /** The line of every client on the clinic's roster. */
    private Collection<StoredOverview.ClientSummary> clients(String clinicId) {
        List<String> ids =
                ClinicRoster.clientIds(generations, ClinicOverviewProjection.NAME, StoredOverview.ROSTER, clinicId);
        return generations
                .byIds(ClinicOverviewProjection.NAME, StoredOverview.ClientSummary.MODEL, ids)
                .values()
                .stream()
                .filter(client -> clinicId.equals(client.clinicId()))
                .toList();
    }

    public ClinicOverview overview(String clinicId, Instant today, int page, int size) {
        ClinicPolicyHistory policies = policies(clinicId);
        ClinicPolicyHistory.InForce inForce = policies.inForceAt(today);
        ClinicRules rules = inForce.rules();
        ZoneId zone = ZoneId.of(rules.timeZone());
        Map<Integer, Integer> histogram = new TreeMap<>();
        List<ClinicOverview.AwaitingSession> awaiting = new ArrayList<>();
        List<ClinicOverview.TouchUpDue> due = new ArrayList<>();
        List<ClinicOverview.ReportingDeadline> deadlines = new ArrayList<>();
        int count = 0;
        for (StoredOverview.ClientSummary client : clients(clinicId)) {
            count++;
            String clientId = client.clientId();
            histogram.merge(client.totalSessions(), 1, Integer::sum);
            int course = client.course();
            int inCourse = client.sessionsInCourse();
            Integer planned = client.plannedSessions();
            boolean completed = client.courseCompleted();
            boolean loss = client.lossObserved();
            Instant last = client.lastSessionAt();
            boolean touchUpOpen = client.touchUpRequestedAt() != null;
            boolean planDone = planned != null && inCourse >= planned && !loss;
            Instant earliest = earliestNextSession(client, rules);
            if (earliest != null) {
                awaiting.add(new ClinicOverview.AwaitingSession(
                        clientId, course, inCourse, planned, loss, last, earliest, !earliest.isAfter(today)));
            } else if (last != null && !touchUpOpen && (completed || planDone)) {
                Instant dueSince = LocalDate.ofInstant(last, zone)
                        .plusYears(rules.touchUpAfterYears())
                        .atStartOfDay(zone)
                        .toInstant();
                if (!dueSince.isAfter(today)) {
                    due.add(new ClinicOverview.TouchUpDue(clientId, course, last, dueSince));
                }
            }
            for (StoredOverview.ReactionToReport reaction : client.reactionsToReport()) {
                Instant observed = reaction.observedAt();
                AdverseReactionReported.Kind kind = reaction.kind();
                ClinicRules then = policies.inForceAt(observed).rules();
                ClinicRules.Reporting reporting = then.reporting();
                if (reporting.kinds() != null && reporting.kinds().contains(kind) && reporting.workingDays() > 0) {
                    Instant deadline = deadline(observed, reporting.workingDays(), ZoneId.of(then.timeZone()));
                    deadlines.add(new ClinicOverview.ReportingDeadline(
                            clientId,
                            reaction.reactionId(),
                            kind,
                            observed,
                            reporting.jurisdiction(),
                            deadline,
                            today.isAfter(deadline)));
                }
            }
        }
        awaiting.sort(Comparator.comparing(ClinicOverview.AwaitingSession::earliestNextSessionAt)
                .thenComparing(ClinicOverview.AwaitingSession::clientId));
        due.sort(Comparator.comparing(ClinicOverview.TouchUpDue::dueSince)
                .thenComparing(ClinicOverview.TouchUpDue::clientId));
        deadlines.sort(Comparator.comparing(ClinicOverview.ReportingDeadline::deadline)
                .thenComparing(ClinicOverview.ReportingDeadline::clientId)
                .thenComparing(ClinicOverview.ReportingDeadline::reactionId));
        return new ClinicOverview(
                clinicId,
                today,
                ClinicPolicyVersion.of(inForce),
                count,
                histogram,
                Page.of(awaiting, page, size),
                Page.of(due, page, size),
                Page.of(deadlines, page, size));
    }

    /**
     * When the client may have the next session by {@code rules} (the start of the day the minimum
     * interval after the last session, in the clinic's time zone); null when no session is awaited:
     * none yet, the course completed, or its plan's sessions done without loss observed since.
     */
    private static Instant earliestNextSession(StoredOverview.ClientSummary client, ClinicRules rules) {
        int inCourse = client.sessionsInCourse();
        Integer planned = client.plannedSessions();
        Instant last = client.lastSessionAt();
        boolean touchUpOpen = client.touchUpRequestedAt() != null;
        boolean planDone = planned != null && inCourse >= planned && !client.lossObserved();
        if (last == null || client.courseCompleted() || !(touchUpOpen && inCourse == 0 || inCourse >= 1 && !planDone)) {
            return null;
        }
        ZoneId zone = ZoneId.of(rules.timeZone());
        return LocalDate.ofInstant(last, zone)
                .plusDays(rules.sessions().minimumDaysBetween())
                .atStartOfDay(zone)
                .toInstant();
    }

    /**
     * The end of the {@code workingDays}-th working day (Monday to Friday) after the day of
     * {@code observed}, in the clinic's time zone: the start of the following day.
     */
    static Instant deadline(Instant observed, int workingDays, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(observed, zone);
        int left = workingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * Every client of the clinic, by id, with their course status on {@code today} (the next session
     * as the overview's {@code awaitingNextSession} counts it, by the policy in force on {@code today}).
     * Only the page's clients are read: the roster gives every id, in id order.
     */
    public Page<ClientCourse> clients(String clinicId, Instant today, int page, int size) {
        List<String> ids = new ArrayList<>(
                ClinicRoster.clientIds(generations, ClinicOverviewProjection.NAME, StoredOverview.ROSTER, clinicId));
        ids.sort(Comparator.naturalOrder());
        Page<String> shown = Page.of(ids, page, size);
        ClinicRules rules = policies(clinicId).inForceAt(today).rules();
        List<ClientCourse> courses = new ArrayList<>();
        for (StoredOverview.ClientSummary client : generations
                .byIds(ClinicOverviewProjection.NAME, StoredOverview.ClientSummary.MODEL, shown.items())
                .values()) {
            if (!clinicId.equals(client.clinicId())) {
                continue;
            }
            Instant earliest = earliestNextSession(client, rules);
            courses.add(new ClientCourse(
                    client.clientId(),
                    client.totalSessions(),
                    client.course(),
                    client.sessionsInCourse(),
                    client.lastSessionAt(),
                    earliest,
                    earliest == null || !earliest.isAfter(today),
                    client.touchUpRequestedAt() != null,
                    client.plannedSessions(),
                    client.courseCompleted(),
                    client.lossObserved()));
        }
        return new Page<>(shown.page(), shown.size(), shown.total(), List.copyOf(courses));
    }
}
