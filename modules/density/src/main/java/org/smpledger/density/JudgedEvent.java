package org.smpledger.density;

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

/**
 * What a treatment-record event is to the judgement of a client's course: the ledger reads what can
 * move density, the clinic's overview that and the reactions besides. One visitor places every event
 * type, so a new type does not compile until it is placed here, and every reader follows.
 */
public enum JudgedEvent {
    /** Sessions, touch-ups, healing checks, plans and course completions: what density and its course are. */
    COURSE_WORK,
    /** Adverse reactions and their reports to the authority. */
    REACTION,
    /** A correction, which may change any of them. */
    CORRECTION,
    /** Everything else: registration, consultation, screening, consent, patch test, design, aftercare. */
    NOT_JUDGED;

    public static JudgedEvent of(TreatmentRecordEvent event) {
        return event.accept(KIND);
    }

    /** Whether an event of this kind can change a {@link ZoneDensityLedger}. */
    public boolean canChangeDensity() {
        return this == COURSE_WORK || this == CORRECTION;
    }

    /** Whether a judgement of the course reads it: its density, or its reactions. */
    public boolean judged() {
        return this != NOT_JUDGED;
    }

    private static final TreatmentRecordEvent.Visitor<JudgedEvent> KIND = new TreatmentRecordEvent.Visitor<>() {
        @Override
        public JudgedEvent visit(SessionCompleted event) {
            return COURSE_WORK;
        }

        @Override
        public JudgedEvent visit(TouchUpRequested event) {
            return COURSE_WORK;
        }

        @Override
        public JudgedEvent visit(HealingAssessed event) {
            return COURSE_WORK;
        }

        @Override
        public JudgedEvent visit(TreatmentPlanned event) {
            return COURSE_WORK;
        }

        @Override
        public JudgedEvent visit(CourseCompleted event) {
            return COURSE_WORK;
        }

        @Override
        public JudgedEvent visit(AdverseReactionReported event) {
            return REACTION;
        }

        @Override
        public JudgedEvent visit(ReactionReportedToAuthority event) {
            return REACTION;
        }

        @Override
        public JudgedEvent visit(RecordCorrected event) {
            return CORRECTION;
        }

        @Override
        public JudgedEvent visit(ClientRegistered event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(ClientDetailsCorrected event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(ClientPersonalDataErased event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(ConsultationHeld event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(ContraindicationScreened event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(ConsentSigned event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(PatchTestRecorded event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(HairlineDesigned event) {
            return NOT_JUDGED;
        }

        @Override
        public JudgedEvent visit(AftercareIssued event) {
            return NOT_JUDGED;
        }
    };
}
