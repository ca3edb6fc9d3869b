package org.smpledger.projections.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.density.RiskLevel;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.store.ReadModel;

/**
 * A client's over-layering risk as stored ({@code risk_clients_gN}): the events that move its
 * density, kept as typed records so the density ledger can be folded again up to any instant, and
 * where each zone stood after the last of them.
 */
public record StoredRisk(
        @BsonId String clientId,
        String clinicId,
        long lastSequence,
        Instant firstRecordedAt,
        List<DensityInput> inputs,
        RiskLevel level,
        List<ZoneSummary> zones,
        boolean everFlagged)
        implements ClientStreamProjection.ClientRecord<StoredRisk> {

    static final ReadModel<StoredRisk> MODEL =
            new ReadModel<>(RiskProjection.CLIENTS, StoredRisk.class, StoredRisk::clientId);

    public StoredRisk {
        inputs = inputs == null ? List.of() : inputs;
        zones = zones == null ? List.of() : zones;
    }

    @Override
    public StoredRisk appliedUpTo(long sequence, String clinicId) {
        return new StoredRisk(clientId, clinicId, sequence, firstRecordedAt, inputs, level, zones, everFlagged);
    }

    StoredRisk with(DensityInput input, RiskLevel level, List<ZoneSummary> zones) {
        List<DensityInput> all = new ArrayList<>(inputs);
        all.add(input);
        return new StoredRisk(clientId, clinicId, lastSequence, firstRecordedAt, all, level, zones, everFlagged);
    }

    StoredRisk flagged() {
        return new StoredRisk(clientId, clinicId, lastSequence, firstRecordedAt, inputs, level, zones, true);
    }

    /**
     * An event that moves density (exactly one of session, touch-up, correction), with when it was
     * recorded.
     */
    public record DensityInput(
            String eventId,
            long sequence,
            Instant recordedAt,
            SessionCompleted session,
            TouchUpRequested touchUp,
            RecordCorrected correction) {

        TreatmentRecordEvent event() {
            return session != null ? session : touchUp != null ? touchUp : correction;
        }
    }

    /** Where one zone stands: the level and the figures the flag list shows. */
    public record ZoneSummary(String zone, RiskLevel level, double cumulative, int sessionsInCourse) {}

    /**
     * A clinic's flag list ({@code risk_flags_gN}): one entry per client that was ever at watch or
     * high, keyed by the client id made safe as a field name.
     */
    public record ClinicFlags(@BsonId String clinicId, Map<String, FlaggedClient> flags) {

        static final ReadModel<ClinicFlags> MODEL =
                new ReadModel<>(RiskProjection.FLAGS, ClinicFlags.class, ClinicFlags::clinicId);

        public ClinicFlags {
            flags = flags == null ? Map.of() : flags;
        }
    }

    /** A client's entry in its clinic's flag list: its current level and its zones above OK. */
    public record FlaggedClient(String clientId, RiskLevel level, List<ZoneSummary> zones) {}
}
