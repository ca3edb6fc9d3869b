package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.DONOR;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;
import static org.smpledger.events.treatment.ScalpZone.TEMPLES;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ConsultationHeld.Scar;
import org.smpledger.events.treatment.ConsultationHeld.ScarKind;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.ContraindicationScreened.Contraindication;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;
import org.smpledger.events.treatment.ContraindicationScreened.Severity;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.HealingAssessed.ZoneObservation;
import org.smpledger.events.treatment.TouchUpRequested;

/** Each step of a course the clinic records, as the event it leaves on the client's record. */
class ClientCourseStepByStepTest {

    private static final Instant NOON = Instant.parse("2026-02-01T12:00:00Z");
    private static final CompleteSession FIRST = session("s-1", FIRST_SESSION, work(CROWN, 0.3));

    @Test
    void consultationRecordsHairLossSkinScarsAndGoals() {
        HoldConsultation held = new HoldConsultation(
                CLIENT,
                null,
                "cons-9",
                NOON,
                PRACTITIONER,
                new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "VI"),
                ConsultationHeld.AlopeciaType.ANDROGENETIC,
                new ConsultationHeld.SkinProfile(ConsultationHeld.FitzpatrickType.IV, ConsultationHeld.Undertone.WARM),
                List.of(new Scar(ScarKind.FUT_STRIP, DONOR, 14)),
                "a crisp hairline");
        fixture()
                .given(registered())
                .when(held, sentBy(CLINIC))
                .expectEvents(new ConsultationHeld(
                        CLIENT,
                        "cons-9",
                        NOON,
                        PRACTITIONER,
                        held.hairLoss(),
                        held.alopeciaType(),
                        held.skin(),
                        held.scars(),
                        "a crisp hairline"));
    }

    @Test
    void screeningRecordsEachFindingWithItsSeverity() {
        List<Finding> findings = List.of(new Finding(
                Contraindication.BLOOD_THINNERS, Severity.RELATIVE, LocalDate.parse("2026-02-10"), "aspirin, paused"));
        fixture()
                .given(registered())
                .when(new ScreenContraindications(CLIENT, null, "scr-9", NOON, PRACTITIONER, findings), sentBy(CLINIC))
                .expectEvents(new ContraindicationScreened(CLIENT, "scr-9", NOON, PRACTITIONER, findings));
    }

    @Test
    void signedConsentRecordsTheFormAndTheWitness() {
        fixture()
                .given(registered())
                .when(
                        new SignConsent(CLIENT, null, "consent-9", NOON, "v4", "consents/9.pdf", "pr-ben"),
                        sentBy(CLINIC))
                .expectEvents(new ConsentSigned(CLIENT, "consent-9", NOON, "v4", "consents/9.pdf", "pr-ben"));
    }

    @Test
    void agreedHairlineDesignRecordsThePlannedZones() {
        fixture()
                .given(registered(), consultation())
                .when(
                        new DesignHairline(
                                CLIENT,
                                null,
                                "design-1",
                                NOON,
                                PRACTITIONER,
                                "soft natural",
                                "7 cm above the brow",
                                List.of(HAIRLINE, TEMPLES, CROWN),
                                "signed sketch"),
                        sentBy(CLINIC))
                .expectEvents(new HairlineDesigned(
                        CLIENT,
                        "design-1",
                        NOON,
                        PRACTITIONER,
                        "soft natural",
                        "7 cm above the brow",
                        List.of(HAIRLINE, TEMPLES, CROWN),
                        "signed sketch"));
    }

    @Test
    void adverseReactionRecordsTheLotsInvolved() {
        Instant observed = daysAfter(FIRST_SESSION, 2);
        fixture()
                .given(registered(), screening(), consent(), negativePatchTest(), completed(FIRST, 1, 1))
                .when(
                        new ReportAdverseReaction(
                                CLIENT,
                                null,
                                "ar-1",
                                observed,
                                PRACTITIONER,
                                AdverseReactionReported.Kind.ALLERGIC,
                                AdverseReactionReported.Severity.MODERATE,
                                List.of(LOT),
                                "raised dots on the crown",
                                null),
                        sentBy(CLINIC))
                .expectEvents(new AdverseReactionReported(
                        CLIENT,
                        "ar-1",
                        observed,
                        PRACTITIONER,
                        AdverseReactionReported.Kind.ALLERGIC,
                        AdverseReactionReported.Severity.MODERATE,
                        List.of(LOT),
                        "raised dots on the crown",
                        null));
    }

    @Test
    void healingCheckOfASessionRecordsWhatWasSeenPerZone() {
        Instant checked = daysAfter(FIRST_SESSION, 7);
        List<ZoneObservation> seen =
                List.of(new ZoneObservation(CROWN, HealingAssessed.Observation.HEALED_WELL, null, null));
        fixture()
                .given(registered(), screening(), consent(), negativePatchTest(), completed(FIRST, 1, 1))
                .when(
                        new AssessHealing(
                                CLIENT,
                                null,
                                "ha-1",
                                "s-1",
                                checked,
                                PRACTITIONER,
                                HealingAssessed.Outcome.AS_EXPECTED,
                                seen,
                                "ready for session 2"),
                        sentBy(CLINIC))
                .expectEvents(new HealingAssessed(
                        CLIENT,
                        "ha-1",
                        "s-1",
                        checked,
                        PRACTITIONER,
                        HealingAssessed.Outcome.AS_EXPECTED,
                        seen,
                        "ready for session 2"));
    }

    @Test
    void touchUpRequestRecordsTheZonesAndTheDensityThatRemains() {
        Instant requested = daysAfter(FIRST_SESSION, 400);
        List<TouchUpRequested.RetainedDensity> retained = List.of(new TouchUpRequested.RetainedDensity(CROWN, 0.2));
        fixture()
                .given(registered(), screening(), consent(), negativePatchTest(), completed(FIRST, 1, 1))
                .when(
                        new RequestTouchUp(
                                CLIENT,
                                null,
                                "tu-1",
                                requested,
                                TouchUpRequested.Reason.FADING,
                                List.of(CROWN),
                                "client",
                                retained,
                                null),
                        sentBy(CLINIC))
                .expectEvents(new TouchUpRequested(
                        CLIENT,
                        "tu-1",
                        requested,
                        TouchUpRequested.Reason.FADING,
                        List.of(CROWN),
                        "client",
                        retained,
                        null));
    }
}
