package org.smpledger.events.treatment;

import org.smpledger.events.SmpEvent;

/** An event in one client's treatment record. The stream id is the (pseudonymous) client id. */
public sealed interface TreatmentRecordEvent extends SmpEvent
        permits ClientRegistered,
                ClientDetailsCorrected,
                ClientPersonalDataErased,
                ConsultationHeld,
                ContraindicationScreened,
                ConsentSigned,
                PatchTestRecorded,
                HairlineDesigned,
                TreatmentPlanned,
                SessionCompleted,
                AftercareIssued,
                HealingAssessed,
                AdverseReactionReported,
                ReactionReportedToAuthority,
                CourseCompleted,
                TouchUpRequested,
                RecordCorrected {

    String clientId();

    @Override
    default String streamId() {
        return clientId();
    }

    /** Calls the visitor's method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Whatever depends on the type of a treatment-record event implements this: one method per
     * type, so a type added to the record does not compile until every reader says what it does
     * with it.
     */
    interface Visitor<R> {
        R visit(ClientRegistered event);

        R visit(ClientDetailsCorrected event);

        R visit(ConsultationHeld event);

        R visit(ContraindicationScreened event);

        R visit(ConsentSigned event);

        R visit(PatchTestRecorded event);

        R visit(HairlineDesigned event);

        R visit(TreatmentPlanned event);

        R visit(SessionCompleted event);

        R visit(AftercareIssued event);

        R visit(HealingAssessed event);

        R visit(AdverseReactionReported event);

        R visit(ReactionReportedToAuthority event);

        R visit(CourseCompleted event);

        R visit(TouchUpRequested event);

        R visit(RecordCorrected event);

        R visit(ClientPersonalDataErased event);
    }
}
