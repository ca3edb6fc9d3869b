package org.smpledger.app.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.smpledger.density.DensityFraction;
import org.smpledger.density.DotsPerCm2;
import org.smpledger.density.Millimetres;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.OverLayeringLimits;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.treatment.AftercareIssued.Restriction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The clinic's rules, {@code smp.policy.*}; the defaults here and in application.yml are those of the domain notes. */
@ConfigurationProperties("smp.policy")
public record PolicyProperties(
        @DefaultValue PatchTest patchTest,
        @DefaultValue Sessions sessions,
        @DefaultValue Density density,
        @DefaultValue("9") int minimumScarAgeMonths,
        @DefaultValue("true") boolean screeningRequired,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue Aftercare aftercare,
        @DefaultValue TouchUps touchUps) {

    public record PatchTest(
            @DefaultValue("48h") Duration readingDelay,
            @DefaultValue("48h") Duration leadTime) {}

    /** {@code plannedPerCourse}: a client with fewer sessions in a course is awaiting the next one (clinic overview). */
    public record Sessions(
            @DefaultValue("7") int minimumDaysBetween,
            @DefaultValue("4") int maxPerCourse,
            @DefaultValue("3") int plannedPerCourse) {}

    /** A touch-up is due this many years after the last session of a course (sources: 2-6). */
    public record TouchUps(@DefaultValue("3") int afterYears) {}

    public record Density(
            @DefaultValue("1.0") double ceiling,
            @DefaultValue("90") double naturalDotsPerCm2,
            @DefaultValue("1.0") double minimumMeanDotSpacingMm,
            @DefaultValue("0.85") double watchRatio) {}

    public record Aftercare(
            @DefaultValue("5") int noWettingDays,
            @DefaultValue("7") int noGymDays,
            @DefaultValue("28") int noSunDays,
            @DefaultValue("30") int noSwimmingDays) {}

    public ClinicPolicy toClinicPolicy() {
        OverLayeringLimits limits = new OverLayeringLimits(
                DensityFraction.of(density.ceiling()),
                sessions.maxPerCourse(),
                Millimetres.of(density.minimumMeanDotSpacingMm()),
                density.watchRatio(),
                new NaturalDensity(new DotsPerCm2(density.naturalDotsPerCm2())));
        Map<Restriction, Integer> days = new EnumMap<>(Restriction.class);
        days.put(Restriction.NO_WETTING, aftercare.noWettingDays());
        days.put(Restriction.NO_GYM, aftercare.noGymDays());
        days.put(Restriction.NO_SUN, aftercare.noSunDays());
        days.put(Restriction.NO_SWIMMING, aftercare.noSwimmingDays());
        return new ClinicPolicy(
                patchTest.readingDelay(),
                patchTest.leadTime(),
                sessions.minimumDaysBetween(),
                limits,
                minimumScarAgeMonths,
                screeningRequired,
                timeZone,
                days);
    }
}
