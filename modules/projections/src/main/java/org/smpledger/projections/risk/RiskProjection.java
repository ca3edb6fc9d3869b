package org.smpledger.projections.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
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
public final class RiskProjection extends ClientStreamProjection {

    public static final String NAME = "risk";
    static final String CLIENTS = "risk_clients";
    static final String FLAGS = "risk_flags";

    private final OverLayeringLimits limits;

    public RiskProjection(OverLayeringLimits limits) {
        super(CLIENTS);
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
    protected Document newClient(Document client, ProjectionEvent event) {
        return client.append("firstRecordedAt", event.recordedAt().toString())
                .append("inputs", new ArrayList<Document>())
                .append("level", RiskLevel.OK.name())
                .append("zones", List.of())
                .append("everFlagged", false);
    }

    @Override
    protected void apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            Document client,
            boolean identityChanged,
            ReadModelBatch batch) {
        if (DensityInputs.movesDensity(payload)) {
            List<Document> inputs = client.getList("inputs", Document.class);
            inputs.add(DensityInputs.input(event));
            List<ZoneAssessment> zones =
                    DensityInputs.fold(inputs, null, limits.naturalDensity()).assess(limits);
            RiskLevel level = zones.stream().map(ZoneAssessment::level).reduce(RiskLevel.OK, RiskLevel::worse);
            client.put("level", level.name());
            client.put("zones", zones.stream().map(RiskProjection::zoneSummary).toList());
        }
        flag(client, batch);
    }

    @Override
    protected void redelivered(Document client, ReadModelBatch batch) {
        flag(client, batch);
    }

    private static Document zoneSummary(ZoneAssessment zone) {
        return new Document("zone", zone.zone().name())
                .append("level", zone.level().name())
                .append("cumulative", zone.cumulative().value())
                .append("sessionsInCourse", zone.sessionsInCourse());
    }

    /** Sets the client's entry in its clinic's flag list when it is, or once was, at watch or high. */
    private static void flag(Document client, ReadModelBatch batch) {
        String clinicId = client.getString("clinicId");
        if (clinicId == null) {
            return;
        }
        String level = client.getString("level");
        boolean flaggedNow = !RiskLevel.OK.name().equals(level);
        boolean flaggedBefore = client.getBoolean("everFlagged", false);
        if (!flaggedNow && !flaggedBefore) {
            return;
        }
        if (flaggedNow && !flaggedBefore) {
            client.put("everFlagged", true); // saved with the client document after apply
        }
        List<Document> zones = client.getList("zones", Document.class).stream()
                .filter(z -> !RiskLevel.OK.name().equals(z.getString("level")))
                .sorted(Comparator.comparing((Document z) -> RiskLevel.valueOf(z.getString("level")))
                        .reversed()
                        .thenComparing(z -> -z.getDouble("cumulative")))
                .toList();
        batch.set(
                FLAGS,
                clinicId,
                "flags." + FieldKey.of(client.getString("_id")),
                new Document("clientId", client.getString("_id"))
                        .append("level", level)
                        .append("zones", zones));
    }
}
