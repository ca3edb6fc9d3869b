package org.smpledger.projections;

import java.time.Instant;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * An event of a client's stream that a read model keeps as a typed record, so it can fold the
 * client's events again (up to any instant, as corrected) without reading the event store: its id,
 * stream sequence, when it was recorded, and the event in the one component of its type (the others
 * null).
 */
public record KeptEvent(
        String eventId,
        long sequence,
        Instant recordedAt,
        SessionCompleted session,
        TouchUpRequested touchUp,
        TreatmentPlanned plan,
        CourseCompleted completion,
        HealingAssessed healingCheck,
        AdverseReactionReported reaction,
        ReactionReportedToAuthority reactionReported,
        RecordCorrected correction) {

    /** The event kept; fails for a type no read model keeps. */
    public static KeptEvent of(ProjectionEvent event) {
        TreatmentRecordEvent payload = (TreatmentRecordEvent) event.payload();
        KeptEvent kept = new KeptEvent(
                event.eventId(),
                event.sequence(),
                event.recordedAt(),
                payload instanceof SessionCompleted e ? e : null,
                payload instanceof TouchUpRequested e ? e : null,
                payload instanceof TreatmentPlanned e ? e : null,
                payload instanceof CourseCompleted e ? e : null,
                payload instanceof HealingAssessed e ? e : null,
                payload instanceof AdverseReactionReported e ? e : null,
                payload instanceof ReactionReportedToAuthority e ? e : null,
                payload instanceof RecordCorrected e ? e : null);
        if (kept.event() == null) {
            throw new IllegalStateException(
                    "read models have no place for a " + payload.getClass().getSimpleName());
        }
        return kept;
    }

    public TreatmentRecordEvent event() {
        if (session != null) {
            return session;
        }
        if (touchUp != null) {
            return touchUp;
        }
        if (plan != null) {
            return plan;
        }
        if (completion != null) {
            return completion;
        }
        if (healingCheck != null) {
            return healingCheck;
        }
        if (reaction != null) {
            return reaction;
        }
        return reactionReported != null ? reactionReported : correction;
    }

    /** Whether it was recorded by {@code asOf} (every event when {@code asOf} is null). */
    public boolean recordedBy(Instant asOf) {
        return asOf == null || !recordedAt.isAfter(asOf);
    }
}
