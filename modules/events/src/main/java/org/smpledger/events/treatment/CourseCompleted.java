package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.Identifying;
import org.smpledger.events.PersonalData;
import org.smpledger.events.RecordId;
import org.smpledger.events.StreamType;

/** The course is closed: no further session in it; a touch-up opens the next one. */
@EventType(name = "CourseCompleted", stream = StreamType.TREATMENT_RECORD)
public record CourseCompleted(
        @Identifying String clientId,
        @RecordId String completionId,
        @Identifying int course,
        Instant completedAt,
        String completedBy,
        @PersonalData String notes)
        implements TreatmentRecordEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
