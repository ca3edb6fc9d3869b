package org.smpledger.events.clinic;

import java.util.List;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;

/**
 * Every value of a clinic's rules, as adopted ({@link ClinicPolicyAdopted}) or configured for the
 * deployment ({@code smp.policy.*}). Durations are whole hours, densities fractions of natural
 * follicle density, lengths millimetres.
 *
 * @param timeZone the clinic's calendar (an IANA zone id such as {@code Europe/Vienna}), for
 *     session days, expiry dates and working days
 */
public record ClinicRules(
        PatchTests patchTests,
        Sessions sessions,
        Density density,
        int minimumScarAgeMonths,
        boolean screeningRequired,
        String timeZone,
        List<AftercareDays> aftercare,
        int touchUpAfterYears,
        Reporting reporting) {

    /** The defaults of the domain notes (docs/domain.md lists each with its source). */
    public static final ClinicRules DEFAULTS = new ClinicRules(
            new PatchTests(48, 48),
            new Sessions(7, 4),
            new Density(1.0, 1.0, 0.5, 0.5, 0.85),
            9,
            true,
            "UTC",
            List.of(
                    new AftercareDays(AftercareIssued.Restriction.NO_WETTING, 5),
                    new AftercareDays(AftercareIssued.Restriction.NO_GYM, 7),
                    new AftercareDays(AftercareIssued.Restriction.NO_SUN, 28),
                    new AftercareDays(AftercareIssued.Restriction.NO_SWIMMING, 30)),
            3,
            new Reporting(
                    "US-TX",
                    5,
                    List.of(AdverseReactionReported.Kind.ALLERGIC, AdverseReactionReported.Kind.INFECTION)));

    public ClinicRules withPatchTests(PatchTests value) {
        return new ClinicRules(
                value,
                sessions,
                density,
                minimumScarAgeMonths,
                screeningRequired,
                timeZone,
                aftercare,
                touchUpAfterYears,
                reporting);
    }

    public ClinicRules withSessions(Sessions value) {
        return new ClinicRules(
                patchTests,
                value,
                density,
                minimumScarAgeMonths,
                screeningRequired,
                timeZone,
                aftercare,
                touchUpAfterYears,
                reporting);
    }

    public ClinicRules withDensity(Density value) {
        return new ClinicRules(
                patchTests,
                sessions,
                value,
                minimumScarAgeMonths,
                screeningRequired,
                timeZone,
                aftercare,
                touchUpAfterYears,
                reporting);
    }

    public ClinicRules withReporting(Reporting value) {
        return new ClinicRules(
                patchTests,
                sessions,
                density,
                minimumScarAgeMonths,
                screeningRequired,
                timeZone,
                aftercare,
                touchUpAfterYears,
                value);
    }

    /** A negative patch test counts once read {@code readingDelayHours} after application and {@code leadTimeHours} before the session. */
    public record PatchTests(int readingDelayHours, int leadTimeHours) {}

    /** Calendar days from one session to the next; sessions per zone per course before a reason is needed. */
    public record Sessions(int minimumDaysBetween, int maxPerCourse) {}

    /**
     * The over-layering limits: the most density a zone may carry ({@code ceiling}), what a course
     * usually aims at when no plan says otherwise ({@code usualTarget}), the most one session may add
     * to one zone ({@code maxAddedPerSession}), the least clear skin between healed dot edges
     * ({@code minimumDotGapMm}) and from which share of a limit a zone is watched ({@code watchRatio}).
     */
    public record Density(
            double ceiling, double usualTarget, double maxAddedPerSession, double minimumDotGapMm, double watchRatio) {}

    /** Days of one aftercare restriction when aftercare is issued without instructions. */
    public record AftercareDays(AftercareIssued.Restriction restriction, int days) {}

    /**
     * Which reactions the clinic must report to its authority, within how many working days
     * (Monday to Friday in the clinic's time zone); no kinds: nothing to report.
     */
    public record Reporting(String jurisdiction, int workingDays, List<AdverseReactionReported.Kind> kinds) {}
}
