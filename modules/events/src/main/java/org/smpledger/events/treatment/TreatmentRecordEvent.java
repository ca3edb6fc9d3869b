package org.smpledger.events.treatment;

import org.smpledger.events.SmpEvent;

/** An event in one client's treatment record. The stream id is the (pseudonymous) client id. */
public sealed interface TreatmentRecordEvent extends SmpEvent
        permits ClientRegistered,
                ClientDetailsCorrected,
                ConsultationHeld,
                ContraindicationScreened,
                ConsentSigned,
                PatchTestRecorded,
                HairlineDesigned,
                SessionCompleted,
                AftercareIssued,
                HealingAssessed,
                AdverseReactionReported,
                TouchUpRequested,
                RecordCorrected {

    String clientId();

    @Override
    default String streamId() {
        return clientId();
    }
}
