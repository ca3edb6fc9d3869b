package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.density.DensityFraction;
import org.smpledger.density.Millimetres;
import org.smpledger.density.ZoneStanding;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.KeptEvent;
import org.smpledger.projections.store.ReadModel;

/**
 * A client's over-layering inputs as stored ({@code risk_clients_gN}): the events the density
 * ledger reads, kept as typed records so the ledger can be folded again up to any instant.
 */
public record StoredRisk(
        @BsonId String clientId, String clinicId, long lastSequence, Instant firstRecordedAt, List<KeptEvent> inputs)
        implements ClientStreamProjection.ClientRecord<StoredRisk> {

    static final ReadModel<StoredRisk> MODEL =
            new ReadModel<>(RiskProjection.CLIENTS, StoredRisk.class, StoredRisk::clientId);

    public StoredRisk {
        inputs = inputs == null ? List.of() : inputs;
    }

    @Override
    public StoredRisk appliedUpTo(long sequence, String clinicId) {
        return new StoredRisk(clientId, clinicId, sequence, firstRecordedAt, inputs);
    }

    StoredRisk with(KeptEvent input) {
        List<KeptEvent> all = new ArrayList<>(inputs);
        all.add(input);
        return new StoredRisk(clientId, clinicId, lastSequence, firstRecordedAt, all);
    }

    /** A clinic's adopted policies, as the risk model keeps them ({@code risk_clinics_gN}, {@code _id} = clinic id). */
    public record ClinicPolicies(@BsonId String clinicId, Map<String, AdoptedPolicies.Adoption> policies) {

        static final ReadModel<ClinicPolicies> MODEL =
                new ReadModel<>(RiskProjection.CLINICS, ClinicPolicies.class, ClinicPolicies::clinicId);

        public ClinicPolicies {
            policies = policies == null ? Map.of() : policies;
        }
    }

    /** The clients with density of each clinic ({@code risk_rosters_gN}). */
    static final ReadModel<ClinicRoster> ROSTER = ClinicRoster.model(RiskProjection.ROSTERS);

    /**
     * Where each zone of a client with density stands ({@code risk_standings_gN}, {@code _id} =
     * client id), written whole after every event the density ledger reads: what the clinic's flag
     * list judges.
     */
    public record ClientStandings(@BsonId String clientId, String clinicId, List<Standing> zones) {

        static final ReadModel<ClientStandings> MODEL =
                new ReadModel<>(RiskProjection.STANDINGS, ClientStandings.class, ClientStandings::clientId);

        public ClientStandings {
            zones = zones == null ? List.of() : zones;
        }
    }

    /** A {@link ZoneStanding} as stored (an empty zone's spacing as null). */
    public record Standing(
            ScalpZone zone,
            int course,
            double baseline,
            double density,
            int sessionsInCourse,
            Double centreSpacingMm,
            Double healedDotMm,
            double largestSessionDose,
            Plan plan,
            List<String> sessionsBeyondPlanWithoutLoss,
            List<String> blurSeen) {

        public Standing {
            sessionsBeyondPlanWithoutLoss =
                    sessionsBeyondPlanWithoutLoss == null ? List.of() : sessionsBeyondPlanWithoutLoss;
            blurSeen = blurSeen == null ? List.of() : blurSeen;
        }

        static Standing of(ZoneStanding z) {
            ZoneStanding.Plan plan = z.plan();
            return new Standing(
                    z.zone(),
                    z.course(),
                    z.baseline().value(),
                    z.density().value(),
                    z.sessionsInCourse(),
                    Double.isFinite(z.centreSpacingMm()) ? z.centreSpacingMm() : null,
                    z.healedDot() == null ? null : z.healedDot().value(),
                    z.largestSessionDose().value(),
                    plan == null
                            ? null
                            : new Plan(
                                    plan.planId(),
                                    plan.plannedSessions(),
                                    plan.target() == null ? null : plan.target().value()),
                    z.sessionsBeyondPlanWithoutLoss(),
                    z.blurSeen());
        }

        ZoneStanding standing() {
            return new ZoneStanding(
                    zone,
                    course,
                    DensityFraction.of(baseline),
                    DensityFraction.of(density),
                    sessionsInCourse,
                    centreSpacingMm == null ? Double.POSITIVE_INFINITY : centreSpacingMm,
                    healedDotMm == null ? null : Millimetres.of(healedDotMm),
                    DensityFraction.of(largestSessionDose),
                    plan == null
                            ? null
                            : new ZoneStanding.Plan(
                                    plan.planId(),
                                    plan.plannedSessions(),
                                    plan.target() == null ? null : DensityFraction.of(plan.target())),
                    sessionsBeyondPlanWithoutLoss,
                    blurSeen);
        }
    }

    /** The course's plan for the zone ({@code target} null: the plan leaves the zone out). */
    public record Plan(String planId, int plannedSessions, Double target) {}
}
