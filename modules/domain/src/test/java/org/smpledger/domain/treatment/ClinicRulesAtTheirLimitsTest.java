package org.smpledger.domain.treatment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.DONOR;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsultationHeld.Scar;
import org.smpledger.events.treatment.ConsultationHeld.ScarKind;
import org.smpledger.events.treatment.ContraindicationScreened.Contraindication;
import org.smpledger.events.treatment.ContraindicationScreened.Finding;
import org.smpledger.events.treatment.ContraindicationScreened.Severity;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PatchTestRecorded.Result;
import org.smpledger.events.treatment.SessionCompleted;

/** Each clinic rule just inside and just outside its limit, and the rules about how things are recorded. */
class ClinicRulesAtTheirLimitsTest {

    private static Object[] after(Object... sessions) {
        Object[] ready = readyForFirstSession();
        Object[] all = java.util.Arrays.copyOf(ready, ready.length + sessions.length);
        System.arraycopy(sessions, 0, all, ready.length, sessions.length);
        return all;
    }

    @Nested
    class RecordingASession {
        @Test
        void sessionWithoutAnyZoneWorkIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new CompleteSession(
                            CLIENT,
                            null,
                            "s-1",
                            FIRST_SESSION,
                            FIRST_SESSION.plusSeconds(3600),
                            PRACTITIONER,
                            List.of(),
                            null,
                            null,
                            null))
                    .expectNoEvents()
                    .expectException(refusedBy("session-without-zone-work"));
        }

        @Test
        void sessionEndingBeforeItStartsIsRefused() {
            fixture()
                    .given(readyForFirstSession())
                    .when(new CompleteSession(
                            CLIENT,
                            null,
                            "s-1",
                            FIRST_SESSION,
                            FIRST_SESSION.minusSeconds(3600),
                            PRACTITIONER,
                            List.of(work(CROWN, 0.3)),
                            null,
                            null,
                            null))
                    .expectNoEvents()
                    .expectException(refusedBy("session-ends-before-start"));
        }
    }

    @Nested
    class RecordingAPatchTest {
        private final Instant applied = Instant.parse("2026-03-01T10:00:00Z");

        private RecordPatchTest patchTest(Instant readAt, Result result, String findings, String waiverReason) {
            return new RecordPatchTest(
                    CLIENT,
                    null,
                    "pt-9",
                    LOT,
                    "behind the ear",
                    applied,
                    readAt,
                    result,
                    findings,
                    waiverReason,
                    PRACTITIONER);
        }

        @Test
        void patchTestReadBeforeItWasAppliedIsRefused() {
            fixture()
                    .given(registered())
                    .when(patchTest(applied.minusSeconds(60), Result.NEGATIVE, null, null))
                    .expectNoEvents()
                    .expectException(refusedBy("patch-test-read-before-applied"));
        }

        @Test
        void positivePatchTestWithoutFindingsIsRefused() {
            fixture()
                    .given(registered())
                    .when(patchTest(applied.plus(Duration.ofHours(48)), Result.POSITIVE, " ", null))
                    .expectNoEvents()
                    .expectException(refusedBy("patch-test-findings-required"));
        }

        @Test
        void waivedPatchTestWithoutAReasonIsRefused() {
            fixture()
                    .given(registered())
                    .when(patchTest(applied.plus(Duration.ofHours(48)), Result.WAIVED, null, null))
                    .expectNoEvents()
                    .expectException(refusedBy("patch-test-waiver-reason-required"));
        }

        @Test
        void patchTestReadExactly48HoursBeforeTheSessionIsEnough() {
            CompleteSession first = session("s-1", FIRST_SESSION, work(CROWN, 0.3));
            fixture()
                    .given(registered(), consultation(), screening(), consent(), Clinic.patchTest(Result.NEGATIVE, 48))
                    .when(first)
                    .expectEvents(completed(first, 1, 1));
        }

        @Test
        void patchTestRead47Hours59MinutesBeforeTheSessionIsTooRecent() {
            Instant readAt = FIRST_SESSION.minus(Duration.ofHours(47).plusMinutes(59));
            PatchTestRecorded late = new PatchTestRecorded(
                    CLIENT,
                    "pt-1",
                    LOT,
                    BRAND,
                    "arm",
                    readAt.minus(Duration.ofHours(48)),
                    readAt,
                    Result.NEGATIVE,
                    null,
                    null,
                    PRACTITIONER);
            fixture()
                    .given(registered(), consultation(), screening(), consent(), late)
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3)))
                    .expectNoEvents()
                    .expectException(
                            refusedBy("patch-test-too-recent", Map.of("hoursSinceReading", 47, "minimumHours", 48)));
        }
    }

    @Nested
    class WaitingAndHealing {
        @Test
        void sessionOnTheDayTheWaitingPeriodEndsGoesAhead() {
            CompleteSession first = session("s-1", FIRST_SESSION, work(CROWN, 0.3));
            fixture()
                    .given(
                            registered(),
                            consent(),
                            negativePatchTest(),
                            screening(new Finding(
                                    Contraindication.RECENT_CHEMOTHERAPY,
                                    Severity.RELATIVE,
                                    LocalDate.parse("2026-03-10"),
                                    null)))
                    .when(first)
                    .expectEvents(completed(first, 1, 1));
        }

        @Test
        void scarExactlyNineMonthsOldInTheWorkedZoneMayBePigmented() {
            // 8 months old at the consultation on 1 February, 9 by the session on 10 March
            CompleteSession donor = session("s-1", FIRST_SESSION, work(DONOR, 0.3));
            fixture()
                    .given(
                            registered(),
                            consultation(new Scar(ScarKind.FUT_STRIP, DONOR, 8)),
                            screening(),
                            consent(),
                            negativePatchTest())
                    .when(donor)
                    .expectEvents(completed(donor, 1, 1));
        }
    }

    @Nested
    class OverLayering {
        private final CompleteSession first = session("s-1", FIRST_SESSION, work(CROWN, 0.5));

        @Test
        void densityExactlyAtTheCeilingAddedExactlyAtTheDoseCapIsAllowed() {
            CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.5));
            fixture().given(after(completed(first, 1, 1))).when(second).expectEvents(completed(second, 1, 2));
        }

        private Object[] threeLightSessions() {
            return after(
                    completed(session("s-1", FIRST_SESSION, work(CROWN, 0.1)), 1, 1),
                    completed(session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.1)), 1, 2),
                    completed(session("s-3", daysAfter(FIRST_SESSION, 20), work(CROWN, 0.1)), 1, 3));
        }

        @Test
        void fourthSessionOnAZoneIsAllowed() {
            CompleteSession fourth = session("s-4", daysAfter(FIRST_SESSION, 30), work(CROWN, 0.1));
            fixture().given(threeLightSessions()).when(fourth).expectEvents(completed(fourth, 1, 4));
        }

        @Test
        void fifthSessionWithAReasonRecordsTheOverrideOfTheSessionLimit() {
            Object[] four = after(
                    completed(session("s-1", FIRST_SESSION, work(CROWN, 0.1)), 1, 1),
                    completed(session("s-2", daysAfter(FIRST_SESSION, 10), work(CROWN, 0.1)), 1, 2),
                    completed(session("s-3", daysAfter(FIRST_SESSION, 20), work(CROWN, 0.1)), 1, 3),
                    completed(session("s-4", daysAfter(FIRST_SESSION, 30), work(CROWN, 0.1)), 1, 4));
            fixture()
                    .given(four)
                    .when(sessionWithOverride(
                            "s-5", daysAfter(FIRST_SESSION, 40), "patchy healing on the crown", work(CROWN, 0.05)))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            predicate(p -> p instanceof SessionCompleted s
                                    && s.sessionNumber() == 5
                                    && s.override() != null
                                    && s.override().reason().equals("patchy healing on the crown")
                                    && s.override().approvedBy().equals("pr-lead")
                                    && s.override().limitsExceeded().size() == 1
                                    && s.override().limitsExceeded().get(0).startsWith("session-limit")),
                            andNoMore())));
        }

        @Test
        void dotsPackedCloserThanTheMinimumSpacingAreRefused() {
            // a clinic whose ceiling is high enough that only the spacing of the dots can stop the session
            fixture(densityLimits(2.0, 1.0, 2.0, 0.8), new Lots())
                    .given(readyForFirstSession())
                    .when(session("s-1", FIRST_SESSION, work(CROWN, 1.3)))
                    .expectNoEvents()
                    .expectException(refusedBy("dot-spacing", Map.of("zone", "CROWN")));
        }
    }
}
