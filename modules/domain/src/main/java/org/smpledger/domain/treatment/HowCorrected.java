package org.smpledger.domain.treatment;

import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/** How a mistake in each type of event is corrected. */
enum HowCorrected {
    /** By {@code changes} to its fields, or by voiding it. */
    BY_CHANGES,
    /** By giving the client's personal details in full ({@code ClientDetailsCorrected}). */
    BY_PERSONAL_DETAILS,
    /** Not at all: a correction is not corrected; the original event is corrected again. */
    NOT_CORRECTABLE;

    static HowCorrected of(TreatmentRecordEvent event) {
        return event.accept(BY_TYPE);
    }

    private static final TreatmentRecordEvent.Visitor<HowCorrected> BY_TYPE = new TreatmentRecordEvent.Visitor<>() {
        @Override
        public HowCorrected visit(ClientRegistered event) {
            return BY_PERSONAL_DETAILS;
        }

        @Override
        public HowCorrected visit(ClientDetailsCorrected event) {
            return BY_PERSONAL_DETAILS;
        }

        @Override
        public HowCorrected visit(RecordCorrected event) {
            return NOT_CORRECTABLE;
        }

        @Override
        public HowCorrected visit(ClientPersonalDataErased event) {
            return NOT_CORRECTABLE;
        }

        @Override
        public HowCorrected visit(ConsultationHeld event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(ContraindicationScreened event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(ConsentSigned event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(PatchTestRecorded event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(HairlineDesigned event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(SessionCompleted event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(AftercareIssued event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(HealingAssessed event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(AdverseReactionReported event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(TouchUpRequested event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(TreatmentPlanned event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(ReactionReportedToAuthority event) {
            return BY_CHANGES;
        }

        @Override
        public HowCorrected visit(CourseCompleted event) {
            return BY_CHANGES;
        }
    };
}
