package org.smpledger.projections.overview;

import java.time.Instant;

/**
 * A client's line in the clinic's client list: sessions in all, the current course and its
 * sessions, the last session and, while a course is under way or a touch-up is open, the earliest
 * day the next session is allowed ({@code intervalPassed}: that day has come on {@code today}).
 */
public record ClientCourse(
        String clientId,
        int totalSessions,
        int course,
        int sessionsInCourse,
        Instant lastSessionAt,
        Instant earliestNextSessionAt,
        boolean intervalPassed,
        boolean touchUpRequested) {}
