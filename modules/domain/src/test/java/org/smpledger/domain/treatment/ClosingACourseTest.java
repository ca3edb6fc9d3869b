package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Levels.and;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.TouchUpRequested;

/** A course is closed by the clinic; a reaction is marked reported to the authority. */
class ClosingACourseTest {

    private static final Instant CLOSED = daysAfter(FIRST_SESSION, 90);

    private static Object[] oneSession() {
        return and(readyForFirstSession(), completed(session("s-1", FIRST_SESSION, work(CROWN, 0.5)), 1, 1));
    }

    private static CourseCompleted completion() {
        return new CourseCompleted(CLIENT, "cc-1", 1, CLOSED, PRACTITIONER, "happy with the result");
    }

    @Test
    void completingTheCourseRecordsWhichCourseWasClosed() {
        fixture()
                .given(oneSession())
                .when(new CompleteCourse(CLIENT, null, "cc-1", CLOSED, PRACTITIONER, "happy with the result"))
                .expectEvents(completion());
    }

    @Test
    void noSessionGoesIntoACompletedCourse() {
        fixture()
                .given(and(oneSession(), completion()))
                .when(session("s-2", daysAfter(FIRST_SESSION, 100), work(CROWN, 0.2)))
                .expectNoEvents()
                .expectException(refusedBy("course-completed", Map.of("course", 1)));
    }

    @Test
    void aTouchUpOpensTheNextCourseForTheNextSession() {
        CompleteSession touchUpSession = session("s-2", daysAfter(FIRST_SESSION, 600), work(CROWN, 0.2));
        TouchUpRequested touchUp = new TouchUpRequested(
                CLIENT,
                "tu-1",
                daysAfter(FIRST_SESSION, 500),
                TouchUpRequested.Reason.FADING,
                List.of(CROWN),
                PRACTITIONER,
                List.of(new TouchUpRequested.RetainedDensity(CROWN, 0.3)),
                null);
        fixture()
                .given(and(oneSession(), completion(), touchUp))
                .when(touchUpSession)
                .expectEvents(completed(touchUpSession, 2, 1));
    }

    @Test
    void aCourseWithoutSessionsCannotBeCompletedNorOneCompletedTwice() {
        fixture()
                .given(readyForFirstSession())
                .when(new CompleteCourse(CLIENT, null, "cc-1", CLOSED, PRACTITIONER, null))
                .expectException(refusedBy("course-without-sessions", Map.of("course", 1)));
        fixture()
                .given(and(oneSession(), completion()))
                .when(new CompleteCourse(CLIENT, null, "cc-2", CLOSED, PRACTITIONER, null))
                .expectException(
                        refusedBy("course-already-completed", RuleViolation.Kind.CONFLICT, Map.of("course", 1)));
    }

    @Test
    void noPlanForACompletedCourse() {
        fixture()
                .given(and(oneSession(), completion()))
                .when(new PlanTreatment(
                        CLIENT,
                        null,
                        "plan-2",
                        CLOSED,
                        PRACTITIONER,
                        2,
                        List.of(new org.smpledger.events.treatment.TreatmentPlanned.ZoneTarget(CROWN, 0.8)),
                        List.of(),
                        null))
                .expectException(refusedBy("course-completed"));
    }

    private static AdverseReactionReported infection() {
        return new AdverseReactionReported(
                CLIENT,
                "r-1",
                daysAfter(FIRST_SESSION, 4),
                PRACTITIONER,
                AdverseReactionReported.Kind.INFECTION,
                AdverseReactionReported.Severity.MILD,
                List.of(LOT),
                "pustules on the crown",
                null);
    }

    @Test
    void aReactionIsMarkedReportedToTheAuthorityOnce() {
        Instant reported = daysAfter(FIRST_SESSION, 6);
        ReactionReportedToAuthority report = new ReactionReportedToAuthority(
                CLIENT, "rep-1", "r-1", reported, "Texas DSHS", "TX-2026-77", PRACTITIONER);
        fixture()
                .given(and(oneSession(), infection()))
                .when(new ReportReactionToAuthority(
                        CLIENT, null, "rep-1", "r-1", reported, "Texas DSHS", "TX-2026-77", PRACTITIONER))
                .expectEvents(report);
        fixture()
                .given(and(oneSession(), infection(), report))
                .when(new ReportReactionToAuthority(
                        CLIENT, null, "rep-2", "r-1", reported, "Texas DSHS", null, PRACTITIONER))
                .expectException(refusedBy(
                        "reaction-already-reported", RuleViolation.Kind.CONFLICT, Map.of("reactionId", "r-1")));
    }

    @Test
    void anUnknownReactionOrAReportBeforeTheReactionIsRefused() {
        fixture()
                .given(oneSession())
                .when(new ReportReactionToAuthority(
                        CLIENT, null, "rep-1", "r-9", CLOSED, "Texas DSHS", null, PRACTITIONER))
                .expectException(refusedBy("reaction-unknown", Map.of("reactionId", "r-9")));
        fixture()
                .given(and(oneSession(), infection()))
                .when(new ReportReactionToAuthority(
                        CLIENT, null, "rep-1", "r-1", FIRST_SESSION, "Texas DSHS", null, PRACTITIONER))
                .expectException(refusedBy("reported-before-observed"));
    }
}
