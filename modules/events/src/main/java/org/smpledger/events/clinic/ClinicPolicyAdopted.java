package org.smpledger.events.clinic;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.Identifying;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A clinic adopts its rules: every value of them ({@code rules}), who adopted them and when, and
 * from when they are in force ({@code effectiveFrom}, never before {@code adoptedAt}: the past stays
 * judged as it was). Versions count from 1 per clinic; a later version replaces the earlier ones
 * from its {@code effectiveFrom} on. {@code policyId} is {@code <clinic id>/v<version>}.
 */
@EventType(name = "ClinicPolicyAdopted", stream = StreamType.CLINIC_POLICY)
public record ClinicPolicyAdopted(
        @Identifying String clinicId,
        @RecordId String policyId,
        @Identifying int version,
        Instant adoptedAt,
        String adoptedBy,
        Instant effectiveFrom,
        ClinicRules rules,
        @FreeText String reason)
        implements ClinicPolicyEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public static String policyIdOf(String clinicId, int version) {
        return clinicId + "/v" + version;
    }
}
