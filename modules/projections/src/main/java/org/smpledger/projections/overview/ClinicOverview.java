package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.Map;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.projections.ClinicPolicyVersion;
import org.smpledger.projections.Page;

/**
 * A clinic at a glance on {@code today}, by the clinic's policy in force then ({@code policy}): how
 * many sessions its clients have had (client count by number of sessions), who awaits the next
 * session of a course and whether the minimum interval has passed, whose touch-up is due, and which
 * adverse reactions must still be reported to the authority, by when (earliest first in each list).
 */
public record ClinicOverview(
        String clinicId,
        Instant today,
        ClinicPolicyVersion policy,
        int clients,
        Map<Integer, Integer> sessionsPerClient,
        Page<AwaitingSession> awaitingNextSession,
        Page<TouchUpDue> touchUpsDue,
        Page<ReportingDeadline> reportingDeadlines) {

    /**
     * A client in an open course below its plan's sessions (or without a plan: until the course is
     * completed), or with loss observed since the last session. {@code plannedSessions} is null
     * without a plan.
     */
    public record AwaitingSession(
            String clientId,
            int course,
            int sessionsInCourse,
            Integer plannedSessions,
            boolean lossObserved,
            Instant lastSessionAt,
            Instant earliestNextSessionAt,
            boolean intervalPassed) {}

    /** A course completed, or its plan's sessions done: the touch-up cadence counts from the last session. */
    public record TouchUpDue(String clientId, int course, Instant lastSessionAt, Instant dueSince) {}

    /**
     * An adverse reaction the clinic's jurisdiction wants reported, not yet marked reported: due by
     * the end of the last working day ({@code deadline}, the start of the next day in the clinic's time zone).
     */
    public record ReportingDeadline(
            String clientId,
            String reactionId,
            AdverseReactionReported.Kind kind,
            Instant observedAt,
            String jurisdiction,
            Instant deadline,
            boolean overdue) {}
}
