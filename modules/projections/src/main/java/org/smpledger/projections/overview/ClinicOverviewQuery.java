package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
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
        Document stored = generations.byId(ClinicOverviewProjection.NAME, ClinicOverviewProjection.CLINICS, clinicId);
        Document clients = stored == null ? new Document() : stored.get("clients", Document.class);
        Map<Integer, Integer> histogram = new TreeMap<>();
        List<ClinicOverview.AwaitingSession> awaiting = new ArrayList<>();
        List<ClinicOverview.TouchUpDue> due = new ArrayList<>();
        for (Object value : clients.values()) {
            Document client = (Document) value;
            histogram.merge(client.getInteger("totalSessions"), 1, Integer::sum);
            int course = client.getInteger("course");
            int inCourse = client.getInteger("sessionsInCourse");
            Instant last = instant(client.getString("lastSessionAt"));
            boolean touchUpOpen = client.getString("touchUpRequestedAt") != null;
            if (last != null
                    && (inCourse >= 1 && inCourse < policy.plannedSessionsPerCourse()
                            || touchUpOpen && inCourse == 0)) {
                Instant earliest = policy.earliestNextSession(last);
                awaiting.add(new ClinicOverview.AwaitingSession(
                        client.getString("clientId"), course, inCourse, last, earliest, !earliest.isAfter(today)));
            } else if (last != null && !touchUpOpen && inCourse >= policy.plannedSessionsPerCourse()) {
                Instant dueSince = policy.touchUpDueSince(last);
                if (!dueSince.isAfter(today)) {
                    due.add(new ClinicOverview.TouchUpDue(client.getString("clientId"), course, last, dueSince));
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

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
