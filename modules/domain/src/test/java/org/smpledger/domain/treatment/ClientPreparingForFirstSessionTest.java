package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.lot.LotFacts;
import org.smpledger.events.treatment.ContraindicationScreened.Contraindication;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;
import org.smpledger.events.treatment.ContraindicationScreened.Severity;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PatchTestRecorded.Result;

/** What must be on record before the first needle: consent, a clear screening, a valid patch test, usable lots. */
class ClientPreparingForFirstSessionTest {

    private final CompleteSession firstSession = session("s-1", FIRST_SESSION, work(HAIRLINE, 0.3), work(CROWN, 0.3));

    @Test
    void clientWithNegativePatchTestCompletesFirstSession() {
        fixture()
                .given(readyForFirstSession())
                .when(firstSession, sentBy(CLINIC))
                .expectSuccessfulHandlerExecution()
                .expectEvents(completed(firstSession, 1, 1))
                .expectResultMessagePayloadMatching(Refusals.recorded("SessionCompleted", "s-1", 5));
    }

    @Test
    void clientWithWaivedPatchTestCompletesFirstSession() {
        fixture()
                .given(registered(), consultation(), screening(), consent(), patchTest(Result.WAIVED, 72))
                .when(firstSession, sentBy(CLINIC))
                .expectEvents(completed(firstSession, 1, 1));
    }

    @Nested
    class Consent {
        @Test
        void clientWhoHasNotSignedConsentIsRefused() {
            fixture()
                    .given(registered(), consultation(), screening(), negativePatchTest())
                    .when(firstSession)
                    .expectNoEvents()
                    .expectException(refusedBy("consent-required", Map.of("consentsOnRecord", 0)));
        }
    }

    @Nested
    class Contraindications {
        @Test
        void clientNeverScreenedIsRefused() {
            fixture()
                    .given(registered(), consent(), negativePatchTest())
                    .when(firstSession)
                    .expectException(refusedBy("screening-required"));
        }

        @Test
        void clientOnBloodThinnersIsRefusedUntilAScreeningClearsIt() {
            fixture()
                    .given(
                            registered(),
                            consent(),
                            negativePatchTest(),
                            screening(
                                    new Finding(Contraindication.BLOOD_THINNERS, Severity.ABSOLUTE, null, "warfarin")))
                    .when(firstSession)
                    .expectException(
                            refusedBy("contraindication-unresolved", Map.of("contraindication", "BLOOD_THINNERS")));
        }

        @Test
        void laterScreeningWithoutTheContraindicationClearsIt() {
            fixture()
                    .given(
                            registered(),
                            consent(),
                            negativePatchTest(),
                            screening("scr-1", new Finding(Contraindication.SUNBURN, Severity.ABSOLUTE, null, null)),
                            screening("scr-2"))
                    .when(firstSession)
                    .expectEvents(completed(firstSession, 1, 1));
        }

        @Test
        void relativeContraindicationLetsTheSessionGoAhead() {
            fixture()
                    .given(
                            registered(),
                            consent(),
                            negativePatchTest(),
                            screening(new Finding(
                                    Contraindication.ACTIVE_ACNE,
                                    Severity.RELATIVE,
                                    null,
                                    "mild, away from the crown")))
                    .when(firstSession)
                    .expectEvents(completed(firstSession, 1, 1));
        }

        @Test
        void clientStillInTheWaitAfterChemotherapyIsRefusedWithTheDaysLeft() {
            fixture()
                    .given(
                            registered(),
                            consent(),
                            negativePatchTest(),
                            screening(new Finding(
                                    Contraindication.RECENT_CHEMOTHERAPY,
                                    Severity.RELATIVE,
                                    LocalDate.parse("2026-03-20"),
                                    null)))
                    .when(firstSession)
                    .expectException(refusedBy(
                            "contraindication-waiting-period",
                            Map.of("waitUntil", "2026-03-20", "sessionDate", "2026-03-10", "daysRemaining", 10)));
        }
    }

    @Nested
    class PatchTests {
        @Test
        void clientWithoutPatchTestIsRefused() {
            fixture()
                    .given(registered(), screening(), consent())
                    .when(firstSession)
                    .expectException(refusedBy("patch-test-required", Map.of("brand", BRAND, "minimumHours", 48)));
        }

        @Test
        void clientWithPositivePatchTestIsRefusedThatBrand() {
            fixture()
                    .given(registered(), screening(), consent(), negativePatchTest(), patchTest(Result.POSITIVE, 60))
                    .when(firstSession)
                    .expectException(refusedBy("patch-test-positive", Map.of("brand", BRAND)));
        }

        @Test
        void patchTestReadOnlyADayBeforeTheSessionIsTooRecent() {
            fixture()
                    .given(registered(), screening(), consent(), patchTest(Result.NEGATIVE, 24))
                    .when(firstSession)
                    .expectException(
                            refusedBy("patch-test-too-recent", Map.of("hoursSinceReading", 24, "minimumHours", 48)));
        }

        @Test
        void patchTestReadTwelveHoursAfterApplicationDoesNotCount() {
            Instant readAt = FIRST_SESSION.minus(Duration.ofDays(5));
            PatchTestRecorded early = new PatchTestRecorded(
                    CLIENT,
                    "pt-early",
                    LOT,
                    BRAND,
                    "arm",
                    readAt.minus(Duration.ofHours(12)),
                    readAt,
                    Result.NEGATIVE,
                    null,
                    null,
                    PRACTITIONER);
            fixture()
                    .given(registered(), screening(), consent(), early)
                    .when(firstSession)
                    .expectException(refusedBy(
                            "patch-test-read-too-early",
                            Map.of("hoursFromApplicationToReading", 12, "minimumHours", 48)));
        }

        @Test
        void sessionWithAnotherBrandThanThePatchTestIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3, OTHER_BRAND_LOT)))
                    .expectException(refusedBy("patch-test-required", Map.of("brand", "OtherInk")));
        }

        @Test
        void patchTestTakesItsBrandFromTheLot() {
            RecordPatchTest command = new RecordPatchTest(
                    CLIENT,
                    null,
                    "pt-9",
                    LOT,
                    "behind the ear",
                    Instant.parse("2026-03-01T10:00:00Z"),
                    Instant.parse("2026-03-03T10:00:00Z"),
                    Result.NEGATIVE,
                    null,
                    null,
                    PRACTITIONER);
            fixture()
                    .given(registered())
                    .when(command, sentBy(CLINIC))
                    .expectEvents(new PatchTestRecorded(
                            CLIENT,
                            "pt-9",
                            LOT,
                            BRAND,
                            "behind the ear",
                            command.appliedAt(),
                            command.readAt(),
                            Result.NEGATIVE,
                            null,
                            null,
                            PRACTITIONER));
        }

        @Test
        void patchTestWithARecalledLotIsRefused() {
            Lots lots = new Lots()
                    .add(new LotFacts(
                            "lot-r",
                            CLINIC,
                            BRAND,
                            "black",
                            "R-1",
                            LocalDate.parse("2027-01-01"),
                            Instant.parse("2026-01-01T00:00:00Z"),
                            Optional.of(new LotFacts.Recall(Instant.parse("2026-02-15T00:00:00Z"), "bacteria"))));
            fixture(org.smpledger.domain.policy.ClinicPolicy.DEFAULTS, lots)
                    .given(registered())
                    .when(
                            new RecordPatchTest(
                                    CLIENT,
                                    null,
                                    "pt-9",
                                    "lot-r",
                                    "arm",
                                    Instant.parse("2026-03-01T10:00:00Z"),
                                    Instant.parse("2026-03-03T10:00:00Z"),
                                    Result.NEGATIVE,
                                    null,
                                    null,
                                    PRACTITIONER),
                            sentBy(CLINIC))
                    .expectException(refusedBy("lot-recalled", Map.of("lotId", "lot-r", "reason", "bacteria")));
        }
    }

    @Nested
    class PigmentLots {
        private AggregateTestFixture<TreatmentRecord> withLot(LotFacts lot) {
            return fixture(org.smpledger.domain.policy.ClinicPolicy.DEFAULTS, new Lots().add(lot));
        }

        private LotFacts lot(LocalDate expires, Optional<LotFacts.Recall> recall, String clinic) {
            return new LotFacts(
                    "lot-x",
                    clinic,
                    BRAND,
                    "dark brown",
                    "X-1",
                    expires,
                    Instant.parse("2026-01-01T00:00:00Z"),
                    recall);
        }

        @Test
        void lotTheClinicNeverReceivedIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-unknown")), sentBy(CLINIC))
                    .expectException(refusedBy("lot-not-received", Map.of("lotId", "lot-unknown")));
        }

        @Test
        void lotOfAnotherClinicCountsAsNotReceived() {
            withLot(lot(LocalDate.parse("2027-01-01"), Optional.empty(), "clinic-south"))
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-x")), sentBy(CLINIC))
                    .expectException(refusedBy("lot-not-received", Map.of("lotId", "lot-x")));
        }

        @Test
        void expiredLotIsRefused() {
            withLot(lot(LocalDate.parse("2026-03-09"), Optional.empty(), CLINIC))
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-x")), sentBy(CLINIC))
                    .expectException(
                            refusedBy("lot-expired", Map.of("expiresOn", "2026-03-09", "usedOn", "2026-03-10")));
        }

        @Test
        void lotOnItsExpiryDayMayStillBeUsed() {
            CompleteSession session = session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-x"));
            withLot(lot(LocalDate.parse("2026-03-10"), Optional.empty(), CLINIC))
                    .given(readyForFirstSession())
                    .when(session, sentBy(CLINIC))
                    .expectEvents(completed(session, 1, 1));
        }

        @Test
        void recalledLotIsRefused() {
            withLot(lot(
                            LocalDate.parse("2027-01-01"),
                            Optional.of(new LotFacts.Recall(daysBefore(FIRST_SESSION, 1), "microbial contamination")),
                            CLINIC))
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-x")), sentBy(CLINIC))
                    .expectException(
                            refusedBy("lot-recalled", Map.of("lotId", "lot-x", "reason", "microbial contamination")));
        }

        @Test
        void sessionRecordedLateWithALotRecalledAfterItStillStands() {
            CompleteSession session = session("s-1", FIRST_SESSION, work(CROWN, 0.3, "lot-x"));
            withLot(lot(
                            LocalDate.parse("2027-01-01"),
                            Optional.of(new LotFacts.Recall(daysAfter(FIRST_SESSION, 2), "recall")),
                            CLINIC))
                    .given(readyForFirstSession())
                    .when(session, sentBy(CLINIC))
                    .expectEvents(completed(session, 1, 1));
        }
    }
}
