package org.smpledger.projections.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.density.RiskLevel;
import org.smpledger.density.ZoneAssessment;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.FieldKey;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Over-layering risk. Per client ({@code risk_clients}, {@code _id} = client id): the density
 * inputs and where each zone stands now. Per clinic ({@code risk_flags}, {@code _id} = clinic
 * id): one entry per client that was ever at watch or high, holding its current level; entries
 * are only ever set, never removed, so the document's shape does not depend on batching.
 */
public final class RiskProjection extends ClientStreamProjection<StoredRisk> {

    public static final String NAME = "risk";
    static final String CLIENTS = "risk_clients";
    static final String FLAGS = "risk_flags";

    private final DensityMeasures measures;
    private final OverLayeringLimits limits;

    public RiskProjection(DensityMeasures measures, OverLayeringLimits limits) {
        super(StoredRisk.MODEL);
        this.measures = measures;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(CLIENTS, FLAGS);
    }

    @Override
    protected StoredRisk newClient(String clientId, String clinicId, ProjectionEvent event) {
        return new StoredRisk(clientId, clinicId, -1, event.recordedAt(), List.of(), RiskLevel.OK, List.of(), false);
    }

    @Override
    protected StoredRisk apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            StoredRisk client,
            boolean identityChanged,
            ReadModelBatch batch) {
        if (DensityInputs.movesDensity(payload)) {
            StoredRisk.DensityInput input = DensityInputs.input(event);
            List<StoredRisk.DensityInput> inputs = new ArrayList<>(client.inputs());
            inputs.add(input);
            List<ZoneAssessment> zones =
                    DensityInputs.fold(inputs, null, measures).assess(limits, RiskQuery.JUDGED_BY);
            RiskLevel level = zones.stream().map(ZoneAssessment::level).reduce(RiskLevel.OK, RiskLevel::worse);
            client = client.with(
                    input,
                    level,
                    zones.stream().map(RiskProjection::zoneSummary).toList());
        }
        return flag(client, batch);
    }

    @Override
    protected void redelivered(StoredRisk client, ReadModelBatch batch) {
        flag(client, batch);
    }

    private static StoredRisk.ZoneSummary zoneSummary(ZoneAssessment zone) {
        return new StoredRisk.ZoneSummary(
                zone.zone().name(), zone.level(), zone.density().value(), zone.sessionsInCourse());
    }

    /**
     * Sets the client's entry in its clinic's flag list when it is, or once was, at watch or high;
     * returns the client as it is to be saved.
     */
    private static StoredRisk flag(StoredRisk client, ReadModelBatch batch) {
        if (client.clinicId() == null) {
            return client;
        }
        boolean flaggedNow = client.level() != RiskLevel.OK;
        if (!flaggedNow && !client.everFlagged()) {
            return client;
        }
        if (flaggedNow && !client.everFlagged()) {
            client = client.flagged();
        }
        List<StoredRisk.ZoneSummary> zones = client.zones().stream()
                .filter(z -> z.level() != RiskLevel.OK)
                .sorted(Comparator.comparing(StoredRisk.ZoneSummary::level)
                        .reversed()
                        .thenComparing(z -> -z.cumulative()))
                .toList();
        batch.set(
                StoredRisk.ClinicFlags.MODEL,
                client.clinicId(),
                "flags." + FieldKey.of(client.clientId()),
                new StoredRisk.FlaggedClient(client.clientId(), client.level(), zones));
        return client;
    }
}
