package org.smpledger.projections.overview;

/**
 * The clinic rules the overview applies: the minimum days between sessions, the touch-up cadence
 * in years, and how many sessions a course is planned to have (a client below it awaits the next).
 */
public record OverviewPolicy(int minDaysBetweenSessions, int touchUpAfterYears, int plannedSessionsPerCourse) {

    public static final OverviewPolicy DEFAULT = new OverviewPolicy(7, 3, 3);

    public OverviewPolicy {
        if (minDaysBetweenSessions < 0 || touchUpAfterYears < 1 || plannedSessionsPerCourse < 1) {
            throw new IllegalArgumentException("days >= 0, years >= 1 and planned sessions >= 1 are required");
        }
    }
}
