package org.smpledger.domain.treatment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.DONOR;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsultationHeld.Scar;
import org.smpledger.events.treatment.ConsultationHeld.ScarKind;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;

/** Follow-up sessions: the interval, the over-layering guard, scars, touch-ups and corrections. */
class ClientLayeringDensityAcrossSessionsTest {

    private static final CompleteSession FIRST = session("s-1", FIRST_SESSION, work(CROWN, 0.4), work(HAIRLINE, 0.3));
    private static final SessionCompleted FIRST_DONE = completed(FIRST, 1, 1);

    private static Object[] afterFirstSession(Object... more) {
        Object[] ready = readyForFirstSession();
        Object[] all = new Object[ready.length + 1 + more.length];
        System.arraycopy(ready, 0, all, 0, ready.length);
        all[ready.length] = FIRST_DONE;
        System.arraycopy(more, 0, all, ready.length + 1, more.length);
        return all;
    }

    @Nested
    class Interval {
        @Test
        void secondSessionFiveDaysAfterTheFirstIsRefusedWithTheDays() {
            fixture()
                    .given(afterFirstSession())
                    .when(session("s-2", daysAfter(FIRST_SESSION, 5), work(CROWN, 0.3)))
                    .expectNoEvents()
                    .expectException(refusedBy(
                            "session-interval",
                            Map.of("daysSinceLastSession", 5, "minimumDays", 7, "lastSessionOn", "2026-03-10")));
        }

        @Test
        void secondSessionAWeekLaterIsSessionTwoOfTheCourse() {
            CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 7), work(CROWN, 0.3));
            fixture().given(afterFirstSession()).when(second).expectEvents(completed(second, 1, 2));
        }

        @Test
        void clinicThatWantsTwoWeeksRefusesTenDays() {
            fixture(daysBetweenSessions(14), new Lots())
                    .given(afterFirstSession())
                    .when(session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.3)))
                    .expectException(
                            refusedBy("session-interval", Map.of("daysSinceLastSession", 10, "minimumDays", 14)));
        }
    }

    @Nested
    class OverLayering {
        private final CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.4));
        private final Object[] afterTwo = afterFirstSession(completed(second, 1, 2));

        @Test
        void crownSessionThatWouldPassNaturalDensityIsRefusedWithTheNumbers() {
            fixture()
                    .given(afterTwo)
                    .when(session("s-3", daysAfter(FIRST_SESSION, 20), work(CROWN, 0.3)))
                    .expectNoEvents()
                    .expectException(
                            refusedBy("density-ceiling", Map.of("zone", "CROWN", "wouldBe", 1.1, "limit", 1.0)));
        }

        @Test
        void crownSessionPastTheCeilingWithAReasonRecordsTheOverride() {
            CompleteSession third = sessionWithOverride(
                    "s-3", daysAfter(FIRST_SESSION, 20), "scar absorbed pigment on the crown", work(CROWN, 0.3));
            SessionCompleted expected = new SessionCompleted(
                    CLIENT,
                    "s-3",
                    1,
                    3,
                    third.startedAt(),
                    third.endedAt(),
                    PRACTITIONER,
                    third.zoneWork(),
                    new SessionCompleted.Override(
                            "scar absorbed pigment on the crown",
                            "pr-lead",
                            List.of("density-ceiling: crown would go from 0.8 to 1.1, past the ceiling of 1")),
                    null,
                    0);
            fixture().given(afterTwo).when(third).expectEvents(expected);
        }

        @Test
        void fifthSessionOnCrownWithoutOverrideIsRefused() {
            Object[] four = afterFirstSession(
                    completed(session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.1)), 1, 2),
                    completed(session("s-3", daysAfter(FIRST_SESSION, 20), work(CROWN, 0.1)), 1, 3),
                    completed(session("s-4", daysAfter(FIRST_SESSION, 30), work(CROWN, 0.1)), 1, 4));
            fixture()
                    .given(four)
                    .when(session("s-5", daysAfter(FIRST_SESSION, 40), work(CROWN, 0.05)))
                    .expectException(refusedBy("session-limit", Map.of("zone", "CROWN", "wouldBe", 5, "limit", 4)));
        }

        @Test
        void clinicWithALowerCeilingRefusesEarlier() {
            fixture(densityLimits(0.6, 0.6, 0.5, 0.5), new Lots())
                    .given(afterFirstSession())
                    .when(session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.3)))
                    .expectException(refusedBy("density-ceiling", Map.of("wouldBe", 0.7, "limit", 0.6)));
        }
    }

    @Nested
    class Scars {
        @Test
        void donorAreaWithAFiveMonthOldStripScarIsRefused() {
            fixture()
                    .given(
                            registered(),
                            consultation(new Scar(ScarKind.FUT_STRIP, DONOR, 4)),
                            screening(),
                            consent(),
                            negativePatchTest())
                    .when(session("s-1", FIRST_SESSION, work(DONOR, 0.3)))
                    .expectException(
                            refusedBy("scar-too-young", Map.of("zone", "DONOR", "ageInMonths", 5, "minimumMonths", 9)));
        }

        @Test
        void aYoungScarElsewhereDoesNotStopWorkOnTheCrown() {
            CompleteSession crown = session("s-1", FIRST_SESSION, work(CROWN, 0.3));
            fixture()
                    .given(
                            registered(),
                            consultation(new Scar(ScarKind.FUT_STRIP, DONOR, 4)),
                            screening(),
                            consent(),
                            negativePatchTest())
                    .when(crown)
                    .expectEvents(completed(crown, 1, 1));
        }
    }

    @Nested
    class TouchUps {
        @Test
        void touchUpBeforeAnySessionIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new RequestTouchUp(
                            CLIENT,
                            null,
                            "tu-1",
                            FIRST_SESSION,
                            TouchUpRequested.Reason.FADING,
                            List.of(CROWN),
                            "client",
                            null,
                            null))
                    .expectException(refusedBy("touch-up-before-any-session"));
        }

        @Test
        void sessionAfterATouchUpOpensCourseTwoFromTheRetainedDensity() {
            Instant years = daysAfter(FIRST_SESSION, 365);
            TouchUpRequested touchUp = new TouchUpRequested(
                    CLIENT,
                    "tu-1",
                    years,
                    TouchUpRequested.Reason.FADING,
                    List.of(CROWN),
                    "client",
                    List.of(new TouchUpRequested.RetainedDensity(CROWN, 0.5)),
                    null);
            CompleteSession again = session("s-tu", daysAfter(years, 14), work(CROWN, 0.4));
            fixture().given(afterFirstSession(touchUp)).when(again).expectEvents(completed(again, 2, 1));
        }
    }

    @Nested
    class Corrections {
        @Test
        void aVoidedSessionNoLongerCountsTowardsTheInterval() {
            CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 3), work(CROWN, 0.3));
            fixture()
                    .given(afterFirstSession())
                    .andGivenCommands(new CorrectRecord(
                            CLIENT, null, "corr-1", "s-1", "recorded on the wrong client", null, true, null))
                    .when(second)
                    .expectEvents(completed(second, 1, 1));
        }

        @Test
        void correctingAnEventTheRecordDoesNotHoldIsRefused() {
            fixture()
                    .given(afterFirstSession())
                    .when(new CorrectRecord(
                            CLIENT, null, "corr-1", "no-such-event", "typo", Map.of("notes", "x"), false, null))
                    .expectException(refusedBy("corrected-event-unknown", Map.of("correctedEventId", "no-such-event")));
        }

        @Test
        void correctingADensityNamesTheSessionEventAndTheReason() {
            fixture()
                    .given(afterFirstSession())
                    .when(new CorrectRecord(
                            CLIENT,
                            null,
                            "corr-1",
                            "s-1",
                            "crown was 0.3, not 0.4",
                            Map.of("zoneWork[0].densityAddedFraction", "0.3"),
                            false,
                            null))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            predicate(p -> p instanceof RecordCorrected r
                                    && r.correctionId().equals("corr-1")
                                    && r.correctedEventType().equals("SessionCompleted")
                                    && !r.correctedEventId().equals("s-1")
                                    && r.reason().equals("crown was 0.3, not 0.4")),
                            andNoMore())));
        }

        @Test
        void aCorrectedDensityCountsForTheCeiling() {
            CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.6));
            fixture()
                    .given(afterFirstSession())
                    .andGivenCommands(new CorrectRecord(
                            CLIENT,
                            null,
                            "corr-1",
                            "s-1",
                            "crown was 0.6",
                            Map.of("zoneWork[0].densityAddedFraction", "0.6"),
                            false,
                            null))
                    .when(second)
                    .expectException(refusedBy("density-ceiling", Map.of("wouldBe", 1.2)));
        }

        @Test
        void aDensityCorrectionThatDoesNotFitTheSessionIsRefused() {
            fixture()
                    .given(afterFirstSession())
                    .when(new CorrectRecord(
                            CLIENT,
                            null,
                            "corr-1",
                            "s-1",
                            "typo",
                            Map.of("zoneWork[5].densityAddedFraction", "0.3"),
                            false,
                            null))
                    .expectException(refusedBy("correction-value-invalid", Map.of("zoneEntries", 2)));
        }

        @Test
        void voidingTheSameEventTwiceConflicts() {
            fixture()
                    .given(afterFirstSession())
                    .andGivenCommands(
                            new CorrectRecord(CLIENT, null, "corr-1", "s-1", "wrong client", null, true, null))
                    .when(new CorrectRecord(CLIENT, null, "corr-2", "s-1", "wrong client", null, true, null))
                    .expectException(refusedBy(
                            "event-already-voided",
                            org.smpledger.domain.recording.RuleViolation.Kind.CONFLICT,
                            Map.of()));
        }

        @Test
        void personalDetailsAreCorrectedOnlyThroughTheRegistration() {
            fixture()
                    .given(afterFirstSession())
                    .when(new CorrectRecord(
                            CLIENT,
                            null,
                            "corr-1",
                            "s-1",
                            "wrong name",
                            null,
                            false,
                            registered().personalDetails()))
                    .expectException(refusedBy("personal-details-only-on-registration"));
        }

        @Test
        void correctingTheRegistrationRecordsNewPersonalDetails() {
            var details = new org.smpledger.events.treatment.PersonalDetails(
                    "Sam Clientson", registered().personalDetails().dateOfBirth(), "sam@example.org", null);
            fixture()
                    .given(afterFirstSession())
                    .when(new CorrectRecord(CLIENT, null, "corr-1", CLIENT, "surname misspelt", null, false, details))
                    .expectEvents(new org.smpledger.events.treatment.ClientDetailsCorrected(
                            CLIENT, details, "surname misspelt"));
        }
    }
}
