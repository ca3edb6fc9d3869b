package org.smpledger.domain.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.events.treatment.AftercareIssued.Restriction;

/**
 * Every number the clinic's rules use. Sources disagree on all of them, so each is configurable
 * (the app binds them from {@code smp.policy.*}); {@link #DEFAULTS} holds the defaults of the
 * domain notes.
 *
 * @param patchTestReadingDelay      how long after application a patch test is read (48 h)
 * @param patchTestLeadTime          how long before a session its patch test must have been read (48 h)
 * @param minimumDaysBetweenSessions calendar days from one session to the next (7)
 * @param overLayering               density ceiling (1.0), sessions per course (4), minimum mean dot
 *                                   spacing and natural density, shared with the risk projection
 * @param minimumScarAgeMonths       how old a scar must be before it is pigmented (9 months)
 * @param screeningRequired          a session needs a contraindication screening on record (true)
 * @param timeZone                   the clinic's time zone, for calendar days and expiry dates (UTC)
 * @param aftercareDays              default days per aftercare restriction when none are given
 */
public record ClinicPolicy(
        Duration patchTestReadingDelay,
        Duration patchTestLeadTime,
        int minimumDaysBetweenSessions,
        OverLayeringLimits overLayering,
        int minimumScarAgeMonths,
        boolean screeningRequired,
        ZoneId timeZone,
        Map<Restriction, Integer> aftercareDays) {

    public static final ClinicPolicy DEFAULTS = new ClinicPolicy(
            Duration.ofHours(48),
            Duration.ofHours(48),
            7,
            OverLayeringLimits.DEFAULT,
            9,
            true,
            ZoneId.of("UTC"),
            defaultAftercare());

    public ClinicPolicy {
        Objects.requireNonNull(overLayering, "overLayering");
        Objects.requireNonNull(timeZone, "timeZone");
        if (patchTestReadingDelay.isNegative() || patchTestLeadTime.isNegative()) {
            throw new IllegalArgumentException("patch-test durations must not be negative");
        }
        if (minimumDaysBetweenSessions < 0 || minimumScarAgeMonths < 0) {
            throw new IllegalArgumentException("days between sessions and scar age must not be negative");
        }
        aftercareDays = Map.copyOf(aftercareDays);
        if (aftercareDays.values().stream().anyMatch(days -> days < 0)) {
            throw new IllegalArgumentException("aftercare days must not be negative");
        }
    }

    private static Map<Restriction, Integer> defaultAftercare() {
        Map<Restriction, Integer> days = new EnumMap<>(Restriction.class);
        days.put(Restriction.NO_WETTING, 5);
        days.put(Restriction.NO_GYM, 7);
        days.put(Restriction.NO_SUN, 28);
        days.put(Restriction.NO_SWIMMING, 30);
        return days;
    }

    public SessionReadinessPolicy sessionReadiness() {
        return new SessionReadinessPolicy(this);
    }

    public PatchTestPolicy patchTests() {
        return new PatchTestPolicy(this);
    }

    public SessionIntervalPolicy sessionInterval() {
        return new SessionIntervalPolicy(this);
    }

    public LotUsabilityPolicy lotUsability() {
        return new LotUsabilityPolicy(this);
    }

    public ScarHealingPolicy scarHealing() {
        return new ScarHealingPolicy(this);
    }

    public OverLayeringPolicy overLayeringGuard() {
        return new OverLayeringPolicy(this);
    }
}
