package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.List;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.density.ZoneStanding;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.AdoptedPolicies;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.KeptEvent;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Over-layering risk. Per client ({@code risk_clients}, {@code _id} = client id): the events the
 * density ledger reads (sessions, touch-ups, healing checks, plans, course completions,
 * corrections), so it can be folded again up to any instant; and, for every client with density
 * and a known clinic ({@code risk_standings}, {@code _id} = client id), where each zone stands
 * ({@link ZoneStanding}: numbers no policy changes), written whole after each such event. Per
 * clinic: which clients have standings ({@code risk_rosters}, {@link ClinicRoster}, an entry set
 * when the client's first standings are written) and the policies the clinic adopted
 * ({@code risk_clinics}, {@code _id} = clinic id, every field set, never read back). Levels are
 * judged when asked, by the policy in force then, so a newly effective policy judges every client
 * at once and nothing stored depends on when a replay runs.
 */
public final class RiskProjection extends ClientStreamProjection<StoredRisk> {

    public static final String NAME = "risk";
    static final String CLIENTS = "risk_clients";
    static final String STANDINGS = "risk_standings";
    static final String ROSTERS = "risk_rosters";
    static final String CLINICS = "risk_clinics";
    public static final List<String> COLLECTIONS = List.of(CLIENTS, STANDINGS, ROSTERS, CLINICS);

    private final DensityMeasures measures;

    public RiskProjection(DensityMeasures measures) {
        super(StoredRisk.MODEL);
        this.measures = measures;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return COLLECTIONS;
    }

    @Override
    protected StoredRisk newClient(String clientId, String clinicId, ProjectionEvent event) {
        return new StoredRisk(clientId, clinicId, -1, event.recordedAt(), List.of());
    }

    @Override
    protected StoredRisk apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            StoredRisk client,
            boolean identityChanged,
            ReadModelBatch batch) {
        boolean moved = ZoneDensityLedger.reads(payload);
        if (moved) {
            client = client.with(KeptEvent.of(event));
        }
        StoredRisk.ClientStandings standings = moved || identityChanged ? standings(client) : null;
        if (standings != null && (identityChanged || client.inputs().size() == 1)) {
            // the first standings: its first input, or its clinic (or the record) just learned
            batch.saveNew(StoredRisk.ClientStandings.MODEL, standings);
            ClinicRoster.join(batch, StoredRisk.ROSTER, standings.clinicId(), standings.clientId());
        } else if (standings != null) {
            batch.save(StoredRisk.ClientStandings.MODEL, standings);
        }
        return client;
    }

    @Override
    protected void redelivered(StoredRisk client, ReadModelBatch batch) {
        StoredRisk.ClientStandings standings = standings(client);
        if (standings != null) {
            batch.save(StoredRisk.ClientStandings.MODEL, standings);
            ClinicRoster.join(batch, StoredRisk.ROSTER, standings.clinicId(), standings.clientId());
        }
    }

    @Override
    protected void clinicPolicy(ProjectionEvent event, ClinicPolicyEvent policy, ReadModelBatch batch) {
        policy.accept(adopted -> {
            batch.set(
                    StoredRisk.ClinicPolicies.MODEL,
                    adopted.clinicId(),
                    AdoptedPolicies.field(adopted),
                    AdoptedPolicies.of(event, adopted));
            return null;
        });
    }

    /** Where the client's zones stand; null before its first density input or while its clinic is not known. */
    private StoredRisk.ClientStandings standings(StoredRisk client) {
        if (client.clinicId() == null || client.inputs().isEmpty()) {
            return null;
        }
        List<StoredRisk.Standing> zones = fold(client.inputs(), null, measures).standings().stream()
                .map(StoredRisk.Standing::of)
                .toList();
        return new StoredRisk.ClientStandings(client.clientId(), client.clinicId(), zones);
    }

    /** The ledger after every input recorded at or before {@code asOf} (all of them when null). */
    static ZoneDensityLedger fold(List<KeptEvent> inputs, Instant asOf, DensityMeasures measures) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(measures);
        for (KeptEvent input : inputs) {
            if (input.recordedBy(asOf)) {
                ledger = ledger.after(input.eventId(), input.event());
            }
        }
        return ledger;
    }
}
