package org.smpledger.projections.overview;

import java.time.Instant;

/**
 * A client's line in the clinic's client list: sessions in all, the current course and its
 * sessions, the last session and, while a course is under way or a touch-up is open, the earliest
 * day the next session is allowed ({@code intervalPassed}: that day has come on {@code today}); the
 * course's plan ({@code plannedSessions}, null without one), whether the course is completed, and
 * whether a healing check found loss since the last session (a session beyond the plan is then awaited).
 */
public record ClientCourse(
        String clientId,
        int totalSessions,
        int course,
        int sessionsInCourse,
        Instant lastSessionAt,
        Instant earliestNextSessionAt,
        boolean intervalPassed,
        boolean touchUpRequested,
        Integer plannedSessions,
        boolean courseCompleted,
        boolean lossObserved) {}
