package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.KeptEvent;
import org.smpledger.projections.store.ReadModel;

/**
 * A client as the clinic overview keeps it ({@code overview_clients_gN}): the events the overview
 * reads (sessions, touch-ups, plans, course completions, healing checks, reactions and their
 * reports, corrections) as typed records, so its summary is always worked out from them as their
 * corrections leave them.
 */
public record StoredOverview(@BsonId String clientId, String clinicId, long lastSequence, List<KeptEvent> inputs)
        implements ClientStreamProjection.ClientRecord<StoredOverview> {

    static final ReadModel<StoredOverview> MODEL =
            new ReadModel<>(ClinicOverviewProjection.CLIENTS, StoredOverview.class, StoredOverview::clientId);

    public StoredOverview {
        inputs = inputs == null ? List.of() : inputs;
    }

    @Override
    public StoredOverview appliedUpTo(long sequence, String clinicId) {
        return new StoredOverview(clientId, clinicId, sequence, inputs);
    }

    StoredOverview with(KeptEvent input) {
        List<KeptEvent> all = new ArrayList<>(inputs);
        all.add(input);
        return new StoredOverview(clientId, clinicId, lastSequence, all);
    }

    /** A clinic's adopted policies, as the overview keeps them ({@code overview_clinics_gN}, {@code _id} = clinic id). */
    public record ClinicPolicies(@BsonId String clinicId, Map<String, AdoptedPolicies.Adoption> policies) {

        static final ReadModel<ClinicPolicies> MODEL =
                new ReadModel<>(ClinicOverviewProjection.CLINICS, ClinicPolicies.class, ClinicPolicies::clinicId);

        public ClinicPolicies {
            policies = policies == null ? Map.of() : policies;
        }
    }

    /** The clients of each clinic's overview ({@code overview_rosters_gN}). */
    static final ReadModel<ClinicRoster> ROSTER = ClinicRoster.model(ClinicOverviewProjection.ROSTERS);

    /**
     * A client's line in its clinic's overview ({@code overview_summaries_gN}, {@code _id} = client
     * id), written whole after every event the overview reads. {@code plannedSessions} is null
     * without a plan for the current course; {@code lossObserved}: a healing check saw loss on a zone
     * after its last session.
     */
    public record ClientSummary(
            @BsonId String clientId,
            String clinicId,
            int totalSessions,
            int course,
            int sessionsInCourse,
            Instant lastSessionAt,
            Instant touchUpRequestedAt,
            Integer plannedSessions,
            boolean courseCompleted,
            boolean lossObserved,
            List<ReactionToReport> reactionsToReport) {

        static final ReadModel<ClientSummary> MODEL =
                new ReadModel<>(ClinicOverviewProjection.SUMMARIES, ClientSummary.class, ClientSummary::clientId);

        public ClientSummary {
            reactionsToReport = reactionsToReport == null ? List.of() : reactionsToReport;
        }
    }

    /** An adverse reaction not yet marked reported to the authority. */
    public record ReactionToReport(String reactionId, AdverseReactionReported.Kind kind, Instant observedAt) {}
}
