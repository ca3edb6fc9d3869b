package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported.Kind;
import org.smpledger.events.treatment.AftercareIssued;

/**
 * The body of a policy adoption: the rules that change (every field optional; what is left out is
 * taken from the policy that would otherwise be in force from {@code effectiveFrom}), why, and from
 * when (default: now; never in the past).
 */
final class ClinicPolicyRequests {

    private ClinicPolicyRequests() {}

    record PatchTests(
            @Min(0) @Max(2000) Integer readingDelayHours,
            @Min(0) @Max(2000) Integer leadTimeHours) {}

    record Sessions(
            @Min(0) @Max(365) Integer minimumDaysBetween,
            @Min(1) @Max(20) Integer maxPerCourse) {}

    record Density(
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("3")
            Double ceiling,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("3")
            Double usualTarget,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("3")
            Double maxAddedPerSession,

            @DecimalMin("0") @DecimalMax("5") Double minimumDotGapMm,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            Double watchRatio) {}

    record AftercareDays(
            @NotNull AftercareIssued.Restriction restriction,
            @NotNull @Min(0) @Max(365) Integer days) {}

    record Reporting(
            @Size(min = 1, max = 40) String jurisdiction,
            @Min(0) @Max(60) Integer workingDays,
            @Size(max = 10) List<@NotNull Kind> kinds) {}

    record Rules(
            @Valid PatchTests patchTests,
            @Valid Sessions sessions,
            @Valid Density density,
            @Min(0) @Max(120) Integer minimumScarAgeMonths,
            Boolean screeningRequired,
            @Size(min = 1, max = 60) String timeZone,
            @Size(max = 20) List<@NotNull @Valid AftercareDays> aftercare,
            @Min(1) @Max(20) Integer touchUpAfterYears,
            @Valid Reporting reporting) {}

    @Schema(example = """
            {"effectiveFrom": "2026-12-01T00:00:00Z", "reason": "two weeks between sessions suit our clients' healing",
             "rules": {"sessions": {"minimumDaysBetween": 14}, "density": {"maxAddedPerSession": 0.4}}}""")
    record Adoption(
            @FutureOrPresent(message = "must not be in the past: a policy is never retroactive")
            Instant effectiveFrom,

            @NotBlank @Size(max = TreatmentRequests.TEXT) String reason,
            @NotNull @Valid Rules rules) {}

    /** {@code given}, or when left out, {@code otherwise}. */
    static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }

    /** The rules in force from the adoption, changed where the body says. Reporting is merged by the caller. */
    static ClinicRules merged(ClinicRules base, Rules change, ClinicRules.Reporting reporting) {
        PatchTests pt = change.patchTests();
        Sessions se = change.sessions();
        Density de = change.density();
        return new ClinicRules(
                pt == null
                        ? base.patchTests()
                        : new ClinicRules.PatchTests(
                                or(pt.readingDelayHours(), base.patchTests().readingDelayHours()),
                                or(pt.leadTimeHours(), base.patchTests().leadTimeHours())),
                se == null
                        ? base.sessions()
                        : new ClinicRules.Sessions(
                                or(se.minimumDaysBetween(), base.sessions().minimumDaysBetween()),
                                or(se.maxPerCourse(), base.sessions().maxPerCourse())),
                de == null
                        ? base.density()
                        : new ClinicRules.Density(
                                or(de.ceiling(), base.density().ceiling()),
                                or(de.usualTarget(), base.density().usualTarget()),
                                or(de.maxAddedPerSession(), base.density().maxAddedPerSession()),
                                or(de.minimumDotGapMm(), base.density().minimumDotGapMm()),
                                or(de.watchRatio(), base.density().watchRatio())),
                or(change.minimumScarAgeMonths(), base.minimumScarAgeMonths()),
                or(change.screeningRequired(), base.screeningRequired()),
                or(change.timeZone(), base.timeZone()),
                change.aftercare() == null
                        ? base.aftercare()
                        : change.aftercare().stream()
                                .map(a -> new ClinicRules.AftercareDays(a.restriction(), a.days()))
                                .toList(),
                or(change.touchUpAfterYears(), base.touchUpAfterYears()),
                reporting);
    }
}
