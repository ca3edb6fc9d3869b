package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** Written aftercare given after a session: what to avoid, and for how many days. */
@EventType(name = "AftercareIssued", stream = StreamType.TREATMENT_RECORD)
public record AftercareIssued(
        @Identifying String clientId,
        @RecordId String aftercareId,
        String sessionId,
        Instant issuedAt,
        String issuedBy,
        List<Instruction> instructions,
        boolean writtenCopyGiven)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public record Instruction(Restriction restriction, int days) {}

    public enum Restriction {
        NO_WETTING,
        NO_GYM,
        NO_SUN,
        NO_SWIMMING,
        NO_SHAVING,
        NO_SAUNA,
        OTHER
    }
}
