package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.smpledger.projections.Page;
import org.smpledger.projections.store.LiveGenerations;

/** Reads a clinic's overview: one {@code _id} lookup; the day-dependent parts are worked out here. */
public final class ClinicOverviewQuery {

    private final LiveGenerations generations;
    private final OverviewPolicy policy;

    public ClinicOverviewQuery(LiveGenerations generations, OverviewPolicy policy) {
        this.generations = generations;
        this.policy = policy;
    }

    public ClinicOverview overview(String clinicId, Instant today, int page, int size) {
        StoredOverview.ClinicClients stored =
                generations.byId(ClinicOverviewProjection.NAME, StoredOverview.ClinicClients.MODEL, clinicId);
        Map<String, StoredOverview.ClientSummary> clients = stored == null ? Map.of() : stored.clients();
        Map<Integer, Integer> histogram = new TreeMap<>();
        List<ClinicOverview.AwaitingSession> awaiting = new ArrayList<>();
        List<ClinicOverview.TouchUpDue> due = new ArrayList<>();
        for (StoredOverview.ClientSummary client : clients.values()) {
            histogram.merge(client.totalSessions(), 1, Integer::sum);
            int course = client.course();
            int inCourse = client.sessionsInCourse();
            Instant last = client.lastSessionAt();
            boolean touchUpOpen = client.touchUpRequestedAt() != null;
            if (last != null
                    && (inCourse >= 1 && inCourse < policy.plannedSessionsPerCourse()
                            || touchUpOpen && inCourse == 0)) {
                Instant earliest = policy.earliestNextSession(last);
                awaiting.add(new ClinicOverview.AwaitingSession(
                        client.clientId(), course, inCourse, last, earliest, !earliest.isAfter(today)));
            } else if (last != null && !touchUpOpen && inCourse >= policy.plannedSessionsPerCourse()) {
                Instant dueSince = policy.touchUpDueSince(last);
                if (!dueSince.isAfter(today)) {
                    due.add(new ClinicOverview.TouchUpDue(client.clientId(), course, last, dueSince));
                }
            }
        }
        awaiting.sort(Comparator.comparing(ClinicOverview.AwaitingSession::earliestNextSessionAt)
                .thenComparing(ClinicOverview.AwaitingSession::clientId));
        due.sort(Comparator.comparing(ClinicOverview.TouchUpDue::dueSince)
                .thenComparing(ClinicOverview.TouchUpDue::clientId));
        return new ClinicOverview(
                clinicId, today, clients.size(), histogram, Page.of(awaiting, page, size), Page.of(due, page, size));
    }

    /** Every client of the clinic, by id, with their course status on {@code today}. */
    public Page<ClientCourse> clients(String clinicId, Instant today, int page, int size) {
        StoredOverview.ClinicClients stored =
                generations.byId(ClinicOverviewProjection.NAME, StoredOverview.ClinicClients.MODEL, clinicId);
        List<ClientCourse> all = new ArrayList<>();
        if (stored != null) {
            for (StoredOverview.ClientSummary client : stored.clients().values()) {
                Instant last = client.lastSessionAt();
                boolean touchUpOpen = client.touchUpRequestedAt() != null;
                Instant earliest =
                        last != null && (client.sessionsInCourse() < policy.plannedSessionsPerCourse() || touchUpOpen)
                                ? policy.earliestNextSession(last)
                                : null;
                all.add(new ClientCourse(
                        client.clientId(),
                        client.totalSessions(),
                        client.course(),
                        client.sessionsInCourse(),
                        last,
                        earliest,
                        earliest == null || !earliest.isAfter(today),
                        touchUpOpen));
            }
        }
        all.sort(Comparator.comparing(ClientCourse::clientId));
        return Page.of(all, page, size);
    }
}
