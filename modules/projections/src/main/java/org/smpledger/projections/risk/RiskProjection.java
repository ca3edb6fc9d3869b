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
import org.smpledger.projections.KeptEvent;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.FieldKey;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Over-layering risk. Per client ({@code risk_clients}, {@code _id} = client id): the events the
 * density ledger reads (sessions, touch-ups, healing checks, plans, course completions,
 * corrections), so it can be folded again up to any instant. Per clinic ({@code risk_clinics},
 * {@code _id} = clinic id): the policies the clinic adopted and, for every client with density,
 * where each zone stands ({@link ZoneStanding}: numbers no policy changes). Levels are judged when
 * asked, by the policy in force then, so a newly effective policy judges every client at once and
 * nothing stored depends on when a replay runs. Every field of the clinic record is set, never
 * read back, so its shape does not depend on batching.
 */
public final class RiskProjection extends ClientStreamProjection<StoredRisk> {

    public static final String NAME = "risk";
    static final String CLIENTS = "risk_clients";
    static final String CLINICS = "risk_clinics";
    public static final List<String> COLLECTIONS = List.of(CLIENTS, CLINICS);

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
        if (moved || identityChanged) {
            stand(client, batch);
        }
        return client;
    }

    @Override
    protected void redelivered(StoredRisk client, ReadModelBatch batch) {
        stand(client, batch);
    }

    @Override
    protected void clinicPolicy(ProjectionEvent event, ClinicPolicyEvent policy, ReadModelBatch batch) {
        policy.accept(adopted -> {
            batch.set(
                    StoredRisk.ClinicStandings.MODEL,
                    adopted.clinicId(),
                    AdoptedPolicies.field(adopted),
                    AdoptedPolicies.of(event, adopted));
            return null;
        });
    }

    /** Sets the client's standings in its clinic's record (once it has any density input). */
    private void stand(StoredRisk client, ReadModelBatch batch) {
        if (client.clinicId() == null || client.inputs().isEmpty()) {
            return;
        }
        List<StoredRisk.Standing> zones = fold(client.inputs(), null, measures).standings().stream()
                .map(StoredRisk.Standing::of)
                .toList();
        batch.set(
                StoredRisk.ClinicStandings.MODEL,
                client.clinicId(),
                "clients." + FieldKey.of(client.clientId()),
                new StoredRisk.ClientStandings(client.clientId(), zones));
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
