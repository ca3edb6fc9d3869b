package org.smpledger.projections.overview;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clinic rules the overview applies: the minimum days between sessions (calendar days in the
 * clinic's time zone, as the domain counts them), the touch-up cadence in years, and how many
 * sessions a course is planned to have (a client below it awaits the next).
 */
public record OverviewPolicy(
        int minDaysBetweenSessions, int touchUpAfterYears, int plannedSessionsPerCourse, ZoneId timeZone) {

    public static final OverviewPolicy DEFAULT = new OverviewPolicy(7, 3, 3, ZoneOffset.UTC);

    public OverviewPolicy {
        if (minDaysBetweenSessions < 0 || touchUpAfterYears < 1 || plannedSessionsPerCourse < 1 || timeZone == null) {
            throw new IllegalArgumentException(
                    "days >= 0, years >= 1, planned sessions >= 1 and a time zone are required");
        }
    }

    /** The start of the first calendar day on which the next session is allowed. */
    public Instant earliestNextSession(Instant lastSession) {
        return LocalDate.ofInstant(lastSession, timeZone)
                .plusDays(minDaysBetweenSessions)
                .atStartOfDay(timeZone)
                .toInstant();
    }

    /** The start of the day the touch-up cadence has passed since the last session. */
    public Instant touchUpDueSince(Instant lastSession) {
        return LocalDate.ofInstant(lastSession, timeZone)
                .plusYears(touchUpAfterYears)
                .atStartOfDay(timeZone)
                .toInstant();
    }
}
