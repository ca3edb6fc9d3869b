package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.FreeText;
import org.smpledger.events.HealthData;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/**
 * A patch test, applied and read. {@code findings} accompanies a positive result,
 * {@code waiverReason} a waived one (both otherwise null).
 */
@EventType(name = "PatchTestRecorded", stream = StreamType.TREATMENT_RECORD)
public record PatchTestRecorded(
        @Identifying String clientId,
        @RecordId String patchTestId,
        String lotId,
        String pigmentBrand,
        @FreeText String site,
        Instant appliedAt,
        Instant readAt,
        @HealthData Result result,
        @PersonalData String findings,
        @PersonalData String waiverReason,
        String practitionerId)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public enum Result {
        NEGATIVE,
        POSITIVE,
        WAIVED
    }
}
