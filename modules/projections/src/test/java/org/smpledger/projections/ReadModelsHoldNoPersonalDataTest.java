package org.smpledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.projections.Clinic.day;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;

/**
 * The read models keep no personal value even when a projection is handed one: here every field the
 * contract marks personal carries a distinctive value (the service's event-store reads leave them out
 * before a projection sees them; this proves the projections do not depend on that), and after the
 * course every document of every read-model collection is scanned for them.
 */
class ReadModelsHoldNoPersonalDataTest {

    private static final String CLIENT = "client-seeded";
    private static final String LOT = "lot-seeded-1";
    private static final List<String> SEEDED = List.of(
            "Ottoline Feverfew-Harkaway",
            "1941-02-27",
            "o.feverfew@harkaway.example",
            "+43 699 1188 2277",
            "Feverfew-details-reason",
            "Feverfew-goals",
            "Feverfew-screening-note",
            "Feverfew-consent.pdf",
            "Feverfew-patch-findings",
            "Feverfew-waiver-reason",
            "Feverfew-design-description",
            "Feverfew-approved-by",
            "Feverfew-zone-notes",
            "Feverfew-session-notes",
            "Feverfew-healing-notes",
            "Feverfew-reaction-description",
            "Feverfew-touch-up-notes",
            "Feverfew-corrected-notes",
            "Feverfew-correction-reason",
            "Feverfew-override-reason",
            "Feverfew-plan-notes",
            "Feverfew-course-notes");

    static ProjectionsHarness harness;

    @BeforeAll
    static void recordACourseWithPersonalValuesEverywhere() {
        harness = new ProjectionsHarness();
        RecordedEvents events = harness.events;
        Instant at = day("2026-03-02");
        harness.clinic.receivesLot(LOT, "B-1", at.minusSeconds(86400));
        events.record(
                new ClientRegistered(
                        CLIENT,
                        "clinic-north",
                        new PersonalDetails(
                                "Ottoline Feverfew-Harkaway",
                                LocalDate.parse("1941-02-27"),
                                "o.feverfew@harkaway.example",
                                "+43 699 1188 2277"),
                        at),
                at,
                Clinic.RECEPTION);
        events.record(
                new ClientDetailsCorrected(
                        CLIENT,
                        new PersonalDetails(
                                "Ottoline Feverfew-Harkaway", LocalDate.parse("1941-02-27"), null, "+43 699 1188 2277"),
                        "Feverfew-details-reason"),
                at.plusSeconds(60),
                Clinic.RECEPTION);
        events.record(
                new ConsultationHeld(
                        CLIENT,
                        "cons-1",
                        at.plusSeconds(120),
                        Clinic.PRACTITIONER,
                        new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "V"),
                        ConsultationHeld.AlopeciaType.ANDROGENETIC,
                        new ConsultationHeld.SkinProfile(
                                ConsultationHeld.FitzpatrickType.III, ConsultationHeld.Undertone.NEUTRAL),
                        List.of(),
                        "Feverfew-goals"),
                at.plusSeconds(120),
                Clinic.PRACTITIONER);
        events.record(
                new ContraindicationScreened(
                        CLIENT,
                        "scr-1",
                        at.plusSeconds(180),
                        Clinic.PRACTITIONER,
                        List.of(new ContraindicationScreened.Finding(
                                ContraindicationScreened.Contraindication.BLOOD_THINNERS,
                                ContraindicationScreened.Severity.RELATIVE,
                                null,
                                "Feverfew-screening-note"))),
                at.plusSeconds(180),
                Clinic.PRACTITIONER);
        events.record(
                new ConsentSigned(CLIENT, "consent-1", at.plusSeconds(240), "v3", "Feverfew-consent.pdf", "pr-2"),
                at.plusSeconds(240),
                Clinic.PRACTITIONER);
        events.record(
                new PatchTestRecorded(
                        CLIENT,
                        "pt-1",
                        LOT,
                        "InkCo",
                        "behind the ear",
                        at.plusSeconds(300),
                        null,
                        PatchTestRecorded.Result.WAIVED,
                        "Feverfew-patch-findings",
                        "Feverfew-waiver-reason",
                        Clinic.PRACTITIONER),
                at.plusSeconds(300),
                Clinic.PRACTITIONER);
        events.record(
                new HairlineDesigned(
                        CLIENT,
                        "design-1",
                        at.plusSeconds(360),
                        Clinic.PRACTITIONER,
                        "soft",
                        "Feverfew-design-description",
                        List.of(ScalpZone.HAIRLINE),
                        "Feverfew-approved-by"),
                at.plusSeconds(360),
                Clinic.PRACTITIONER);
        events.record(
                new TreatmentPlanned(
                        CLIENT,
                        "plan-1",
                        1,
                        at.plusSeconds(420),
                        Clinic.PRACTITIONER,
                        3,
                        List.of(),
                        List.of(),
                        "Feverfew-plan-notes"),
                at.plusSeconds(420),
                Clinic.PRACTITIONER);
        Instant start = day("2026-03-16");
        String session = events.record(
                new SessionCompleted(
                        CLIENT,
                        "s-1",
                        1,
                        1,
                        start,
                        start.plusSeconds(10800),
                        Clinic.PRACTITIONER,
                        List.of(new SessionCompleted.ZoneWork(
                                ScalpZone.CROWN,
                                0.3,
                                null,
                                3,
                                0.25,
                                0.6,
                                List.of(new SessionCompleted.PigmentUse(LOT, 20)),
                                "Feverfew-zone-notes")),
                        new SessionCompleted.Override(
                                "Feverfew-override-reason", "lead-kim", List.of("dose-per-session: 0.3 of 0.2")),
                        "Feverfew-session-notes",
                        null),
                start.plusSeconds(10800),
                Clinic.PRACTITIONER);
        events.record(
                new HealingAssessed(
                        CLIENT,
                        "h-1",
                        "s-1",
                        start.plusSeconds(86400 * 7),
                        Clinic.PRACTITIONER,
                        HealingAssessed.Outcome.AS_EXPECTED,
                        List.of(),
                        "Feverfew-healing-notes"),
                start.plusSeconds(86400 * 7),
                Clinic.PRACTITIONER);
        events.record(
                new AdverseReactionReported(
                        CLIENT,
                        "r-1",
                        start.plusSeconds(86400 * 8),
                        Clinic.PRACTITIONER,
                        AdverseReactionReported.Kind.ALLERGIC,
                        AdverseReactionReported.Severity.MILD,
                        List.of(LOT),
                        "Feverfew-reaction-description",
                        null),
                start.plusSeconds(86400 * 8),
                Clinic.PRACTITIONER);
        events.record(
                new CourseCompleted(
                        CLIENT,
                        "done-1",
                        1,
                        start.plusSeconds(86400 * 20),
                        Clinic.PRACTITIONER,
                        "Feverfew-course-notes"),
                start.plusSeconds(86400 * 20),
                Clinic.PRACTITIONER);
        events.record(
                new TouchUpRequested(
                        CLIENT,
                        "tu-1",
                        start.plusSeconds(86400 * 30),
                        TouchUpRequested.Reason.FADING,
                        List.of(ScalpZone.CROWN),
                        Clinic.PRACTITIONER,
                        List.of(),
                        "Feverfew-touch-up-notes"),
                start.plusSeconds(86400 * 30),
                Clinic.PRACTITIONER);
        events.record(
                new RecordCorrected(
                        CLIENT,
                        "corr-1",
                        session,
                        "SessionCompleted",
                        "Feverfew-correction-reason",
                        Map.of("notes", "Feverfew-corrected-notes", "zoneWork[0].densityAddedFraction", "0.25"),
                        false),
                start.plusSeconds(86400 * 31),
                Clinic.PRACTITIONER);
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void noReadModelDocumentHoldsAnyPersonalValue() {
        List<String> documents = new ArrayList<>();
        for (String collection : harness.database.listCollectionNames()) {
            for (Document document : harness.database.getCollection(collection).find()) {
                documents.add(collection + " " + document.toJson());
            }
        }
        String all = String.join("\n", documents);
        // the course did reach the read models
        assertThat(all).contains(CLIENT, "Session 1 of course 1", "0.25");
        for (String document : documents) {
            SEEDED.forEach(value -> assertThat(document).doesNotContain(value));
        }
    }
}
