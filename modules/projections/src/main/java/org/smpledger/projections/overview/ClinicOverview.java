package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.Map;
import org.smpledger.projections.Page;

/**
 * A clinic at a glance on {@code today}: how many sessions its clients have had (client count by
 * number of sessions), who awaits the next session of a course and whether the minimum interval
 * has passed, and whose touch-up is due (earliest first in both lists).
 */
public record ClinicOverview(
        String clinicId,
        Instant today,
        int clients,
        Map<Integer, Integer> sessionsPerClient,
        Page<AwaitingSession> awaitingNextSession,
        Page<TouchUpDue> touchUpsDue) {

    public record AwaitingSession(
            String clientId,
            int course,
            int sessionsInCourse,
            Instant lastSessionAt,
            Instant earliestNextSessionAt,
            boolean intervalPassed) {}

    public record TouchUpDue(String clientId, int course, Instant lastSessionAt, Instant dueSince) {}
}
