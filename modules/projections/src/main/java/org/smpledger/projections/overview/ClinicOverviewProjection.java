package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.JudgedEvent;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.CorrectedHistory;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.KeptEvent;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A clinic's overview. {@code overview_clients} ({@code _id} = client id) keeps the events the
 * overview reads (sessions, touch-ups, plans, course completions, healing checks, reactions and
 * their reports, corrections); {@code overview_summaries} ({@code _id} = client id) the client's
 * line in its clinic's overview, worked out from those events as their corrections leave them and
 * written whole after every such event (and again when one is delivered twice), so it is always
 * what the client's events say; {@code overview_rosters} which clients each clinic has
 * ({@link ClinicRoster}, an entry set when the client joins); {@code overview_clinics}
 * ({@code _id} = clinic id) the clinic's adopted policies. No document grows with the clinic but
 * the roster's buckets, written once per client. Whether an interval has passed, a touch-up or a
 * report is due depends on the day and the policy in force: the query decides.
 */
public final class ClinicOverviewProjection extends ClientStreamProjection<StoredOverview> {

    public static final String NAME = "overview";
    static final String CLIENTS = "overview_clients";
    static final String SUMMARIES = "overview_summaries";
    static final String ROSTERS = "overview_rosters";
    static final String CLINICS = "overview_clinics";

    private final DensityMeasures measures;

    public ClinicOverviewProjection(DensityMeasures measures) {
        super(StoredOverview.MODEL);
        this.measures = measures;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(CLIENTS, SUMMARIES, ROSTERS, CLINICS);
    }

    @Override
    protected StoredOverview newClient(String clientId, String clinicId, ProjectionEvent event) {
        return new StoredOverview(clientId, clinicId, -1, List.of());
    }

    @Override
    protected StoredOverview apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            StoredOverview client,
            boolean identityChanged,
            ReadModelBatch batch) {
        boolean read = JudgedEvent.of(payload).judged();
        if (read) {
            client = client.with(KeptEvent.of(event));
        }
        if (read || identityChanged) {
            StoredOverview.ClientSummary summary = summarise(client);
            if (summary != null && identityChanged) {
                // a new record, or its clinic just learned: no line written before, not on the roster yet
                batch.saveNew(StoredOverview.ClientSummary.MODEL, summary);
                ClinicRoster.join(batch, StoredOverview.ROSTER, summary.clinicId(), summary.clientId());
            } else if (summary != null) {
                batch.save(StoredOverview.ClientSummary.MODEL, summary);
            }
        }
        return client;
    }

    @Override
    protected void redelivered(StoredOverview client, ReadModelBatch batch) {
        StoredOverview.ClientSummary summary = summarise(client);
        if (summary != null) {
            batch.save(StoredOverview.ClientSummary.MODEL, summary);
            ClinicRoster.join(batch, StoredOverview.ROSTER, summary.clinicId(), summary.clientId());
        }
    }

    @Override
    protected void clinicPolicy(ProjectionEvent event, ClinicPolicyEvent policy, ReadModelBatch batch) {
        policy.accept(adopted -> {
            batch.set(
                    StoredOverview.ClinicPolicies.MODEL,
                    adopted.clinicId(),
                    AdoptedPolicies.field(adopted),
                    AdoptedPolicies.of(event, adopted));
            return null;
        });
    }

    /** The client's line in its clinic's overview; null while its clinic is not known. */
    private StoredOverview.ClientSummary summarise(StoredOverview client) {
        if (client.clinicId() == null) {
            return null;
        }
        CorrectedHistory history = new CorrectedHistory();
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(measures);
        Instant lastTouchUpRecordedAt = null;
        for (KeptEvent input : client.inputs()) {
            history.add(input.eventId(), input.event());
            ledger = ledger.after(input.eventId(), input.event());
            if (input.touchUp() != null) {
                lastTouchUpRecordedAt = input.recordedAt();
            }
        }
        List<SessionCompleted> sessions = history.events(SessionCompleted.class);
        Instant lastSessionAt = sessions.stream()
                .map(SessionCompleted::startedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        int inCourse = ledger.sessionsInCurrentCourse();
        List<TouchUpRequested> touchUps = history.events(TouchUpRequested.class);
        Instant touchUpRequestedAt = null;
        if (inCourse == 0 && ledger.currentCourse() > 1 && !touchUps.isEmpty()) {
            Instant requested = touchUps.get(touchUps.size() - 1).requestedAt();
            touchUpRequestedAt = requested != null ? requested : lastTouchUpRecordedAt;
        }
        Set<String> reported = history.events(ReactionReportedToAuthority.class).stream()
                .map(ReactionReportedToAuthority::reactionId)
                .collect(Collectors.toSet());
        List<StoredOverview.ReactionToReport> toReport = history.events(AdverseReactionReported.class).stream()
                .filter(r -> r.observedAt() != null && r.kind() != null)
                .filter(r -> (r.authorityReference() == null
                                || r.authorityReference().isBlank())
                        && !reported.contains(r.reactionId()))
                .map(r -> new StoredOverview.ReactionToReport(r.reactionId(), r.kind(), r.observedAt()))
                .toList();
        return new StoredOverview.ClientSummary(
                client.clientId(),
                client.clinicId(),
                sessions.size(),
                ledger.currentCourse(),
                inCourse,
                lastSessionAt,
                touchUpRequestedAt,
                ledger.plan().map(TreatmentPlanned::plannedSessions).orElse(null),
                ledger.completion().isPresent(),
                !ledger.zonesWithLossSinceTheirLastSession().isEmpty(),
                toReport);
    }
}
