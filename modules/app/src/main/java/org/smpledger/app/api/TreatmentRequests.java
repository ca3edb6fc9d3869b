package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.smpledger.domain.treatment.CorrectRecord;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;

/** Request bodies of the treatment-record commands. Times left out mean "now". */
final class TreatmentRequests {

    /** Longest free text (notes, descriptions, goals, findings). */
    static final int TEXT = 4000;
    /** Longest id, name or short label. */
    static final int NAME = 200;
    /** Most entries in any list of a request. */
    static final int ENTRIES = 50;
    /** Event times may not lie in the future beyond smp.api.max-clock-skew (the server's Clock; see CommandApiConfiguration). */
    static final String NOT_IN_FUTURE = "must not be in the future";

    private TreatmentRequests() {}

    record Person(
            @NotBlank @Size(max = 200) String fullName,
            @NotNull @Past LocalDate dateOfBirth,
            @Email @Size(max = NAME) String email,
            @Size(max = 40) String phone) {
        PersonalDetails toDetails() {
            return new PersonalDetails(fullName, dateOfBirth, email, phone);
        }
    }

    @Schema(example = """
            {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02", "email": "sam@example.org",
             "phone": "+44 20 7946 0000"}}""")
    record Registration(
            @NotNull @Valid Person personalDetails,
            @PastOrPresent(message = NOT_IN_FUTURE) Instant registeredAt) {}

    record HairLoss(
            @NotNull ConsultationHeld.HairLossScale scale,
            @NotBlank @Size(max = NAME) String grade) {}

    record Skin(
            @NotNull ConsultationHeld.FitzpatrickType fitzpatrickType,
            @NotNull ConsultationHeld.Undertone undertone) {}

    record Scar(
            @NotNull ConsultationHeld.ScarKind kind,
            @NotNull ScalpZone zone,
            @NotNull @Min(0) @Max(1200) Integer ageInMonths) {}

    @Schema(example = """
            {"practitionerId": "pr-anna", "hairLoss": {"scale": "NORWOOD", "grade": "V"}, "alopeciaType": "ANDROGENETIC",
             "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"},
             "scars": [{"kind": "FUT_STRIP", "zone": "DONOR", "ageInMonths": 14}], "goals": "a soft natural shaved look"}""")
    record Consultation(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant heldAt,
            @Size(max = NAME) String practitionerId,
            @NotNull @Valid HairLoss hairLoss,
            @NotNull ConsultationHeld.AlopeciaType alopeciaType,
            @NotNull @Valid Skin skin,
            @Size(max = ENTRIES) List<@NotNull @Valid Scar> scars,
            @Size(max = TEXT) String goals) {}

    record Finding(
            @NotNull ContraindicationScreened.Contraindication contraindication,
            @NotNull ContraindicationScreened.Severity severity,
            LocalDate waitUntil,
            @Size(max = TEXT) String note) {}

    @Schema(example = """
            {"practitionerId": "pr-anna", "findings": [{"contraindication": "BLOOD_THINNERS", "severity": "RELATIVE",
             "note": "aspirin, paused"}]}""")
    record Screening(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant screenedAt,
            @Size(max = NAME) String practitionerId,
            @NotNull @Size(max = ENTRIES) List<@NotNull @Valid Finding> findings) {}

    @Schema(example = """
            {"formVersion": "v3", "documentRef": "consents/2026/0042.pdf", "witnessedBy": "pr-ben"}""")
    record Consent(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant signedAt,
            @NotBlank @Size(max = NAME) String formVersion,
            @NotBlank @Size(max = NAME) String documentRef,
            @Size(max = NAME) String witnessedBy) {}

    @Schema(example = """
            {"lotId": "lot-7f3a", "site": "behind the left ear", "appliedAt": "2026-03-01T10:00:00Z", "readAt": "2026-03-03T10:00:00Z",
             "result": "NEGATIVE", "practitionerId": "pr-anna"}""")
    record PatchTest(
            @NotBlank @Size(max = NAME) String lotId,
            @NotBlank @Size(max = NAME) String site,
            @NotNull @PastOrPresent(message = NOT_IN_FUTURE) Instant appliedAt,
            @PastOrPresent(message = NOT_IN_FUTURE) Instant readAt,
            @NotNull PatchTestRecorded.Result result,
            @Size(max = TEXT) String findings,
            @Size(max = TEXT) String waiverReason,
            @Size(max = NAME) String practitionerId) {

        @AssertTrue(message = "a positive result needs findings")
        boolean isFindingsGivenWhenPositive() {
            return result != PatchTestRecorded.Result.POSITIVE || (findings != null && !findings.isBlank());
        }

        @AssertTrue(message = "a waived test needs a waiverReason")
        boolean isWaiverReasonGivenWhenWaived() {
            return result != PatchTestRecorded.Result.WAIVED || (waiverReason != null && !waiverReason.isBlank());
        }

        @AssertTrue(message = "readAt must not be before appliedAt")
        boolean isReadAfterApplication() {
            return readAt == null || appliedAt == null || !readAt.isBefore(appliedAt);
        }
    }

    @Schema(example = """
            {"practitionerId": "pr-anna", "style": "soft natural", "description": "7 cm above the brow, softened temples",
             "plannedZones": ["HAIRLINE", "TEMPLES", "MID_SCALP", "CROWN"], "approvedByClient": "signed sketch designs/0042.png"}""")
    record HairlineDesign(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant designedAt,
            @Size(max = NAME) String practitionerId,
            @NotBlank @Size(max = NAME) String style,
            @Size(max = TEXT) String description,
            @NotEmpty @Size(max = ENTRIES) List<@NotNull ScalpZone> plannedZones,
            @Size(max = NAME) String approvedByClient) {}

    record PigmentUse(
            @NotBlank @Size(max = NAME) String lotId,
            @NotNull @DecimalMin("0") @DecimalMax("100") Double dilutionWaterParts) {}

    record ZoneWork(
            @NotNull ScalpZone zone,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("2")
            Double densityAddedFraction,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000")
            Double dotsPerCm2,

            @NotNull @Min(1) @Max(15) Integer needleCount,

            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("2")
            Double needleDiameterMm,

            Double depthMm,
            @NotEmpty @Size(max = ENTRIES) List<@NotNull @Valid PigmentUse> pigments,
            @Size(max = TEXT) String notes) {

        @AssertTrue(message = "give densityAddedFraction or dotsPerCm2")
        boolean isDensityGiven() {
            return densityAddedFraction != null || dotsPerCm2 != null;
        }

        SessionCompleted.ZoneWork toZoneWork() {
            return new SessionCompleted.ZoneWork(
                    zone,
                    densityAddedFraction,
                    dotsPerCm2,
                    needleCount,
                    needleDiameterMm,
                    depthMm,
                    pigments.stream()
                            .map(p -> new SessionCompleted.PigmentUse(p.lotId(), p.dilutionWaterParts()))
                            .toList(),
                    notes);
        }
    }

    record Override(
            @NotBlank @Size(max = TEXT) String reason,
            @Size(max = NAME) String approvedBy) {}

    @Schema(example = """
            {"startedAt": "2026-03-10T09:00:00Z", "endedAt": "2026-03-10T12:00:00Z", "practitionerId": "pr-anna",
             "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3, "needleCount": 3, "needleDiameterMm": 0.25, "depthMm": 0.6,
                           "pigments": [{"lotId": "lot-7f3a", "dilutionWaterParts": 20}], "notes": "first layer"}],
             "notes": "client comfortable throughout"}""")
    record Session(
            @NotNull @PastOrPresent(message = NOT_IN_FUTURE) Instant startedAt,
            @NotNull @PastOrPresent(message = NOT_IN_FUTURE) Instant endedAt,
            @Size(max = NAME) String practitionerId,
            @NotEmpty @Size(max = ENTRIES) List<@NotNull @Valid ZoneWork> zoneWork,
            @Valid Override override,
            @Size(max = TEXT) String notes) {

        @AssertTrue(message = "endedAt must be after startedAt")
        boolean isEndAfterStart() {
            return startedAt == null || endedAt == null || endedAt.isAfter(startedAt);
        }
    }

    record Instruction(
            @NotNull AftercareIssued.Restriction restriction,
            @NotNull @Min(0) @Max(365) Integer days) {}

    @Schema(example = """
            {"sessionId": "3f1c2a9e-6d0b-4d7e-9d1a-2b5c8e7f9a10", "writtenCopyGiven": true,
             "instructions": [{"restriction": "NO_WETTING", "days": 4}, {"restriction": "NO_SUN", "days": 28}]}""")
    record Aftercare(
            @NotBlank @Size(max = NAME) String sessionId,
            @PastOrPresent(message = NOT_IN_FUTURE) Instant issuedAt,
            @Size(max = NAME) String issuedBy,
            @Size(max = ENTRIES) List<@NotNull @Valid Instruction> instructions,
            boolean writtenCopyGiven) {}

    /**
     * What was seen on a zone and, when measured, what it kept: {@code retainedFraction} (0 to 1, the
     * share of the course's work still there) or {@code observedDensity} (fraction of natural density).
     */
    record Observation(
            @NotNull ScalpZone zone,
            @NotNull HealingAssessed.Observation observation,
            @DecimalMin("0") @DecimalMax("1") Double retainedFraction,
            @DecimalMin("0") @DecimalMax("2") Double observedDensity) {

        @AssertTrue(message = "give retainedFraction or observedDensity, not both")
        boolean isAtMostOneMeasure() {
            return retainedFraction == null || observedDensity == null;
        }

        HealingAssessed.ZoneObservation toObservation() {
            return new HealingAssessed.ZoneObservation(zone, observation, retainedFraction, observedDensity);
        }
    }

    @Schema(example = """
            {"sessionId": "3f1c2a9e-6d0b-4d7e-9d1a-2b5c8e7f9a10", "outcome": "AS_EXPECTED",
             "observations": [{"zone": "CROWN", "observation": "FADING", "retainedFraction": 0.75}],
             "notes": "crown lighter than the rest"}""")
    record HealingAssessment(
            @NotBlank @Size(max = NAME) String sessionId,
            @PastOrPresent(message = NOT_IN_FUTURE) Instant assessedAt,
            @Size(max = NAME) String practitionerId,
            @NotNull HealingAssessed.Outcome outcome,
            @Size(max = ENTRIES) List<@NotNull @Valid Observation> observations,
            @Size(max = TEXT) String notes) {}

    @Schema(example = """
            {"observedAt": "2026-03-12T08:00:00Z", "kind": "ALLERGIC", "severity": "MODERATE", "lotIds": ["lot-7f3a"],
             "description": "itching and raised dots on the crown"}""")
    record AdverseReaction(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant observedAt,
            @Size(max = NAME) String reportedBy,
            @NotNull AdverseReactionReported.Kind kind,
            @NotNull AdverseReactionReported.Severity severity,
            @Size(max = ENTRIES) List<@NotBlank @Size(max = NAME) String> lotIds,
            @NotBlank @Size(max = TEXT) String description,
            @Size(max = NAME) String authorityReference) {}

    record Target(
            @NotNull ScalpZone zone,

            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("2")
            Double targetDensity) {}

    record Factor(
            @NotNull TreatmentPlanned.FactorKind kind,
            @Size(max = TEXT) String note) {}

    @Schema(example = """
            {"practitionerId": "pr-anna", "plannedSessions": 3, "targets": [{"zone": "CROWN", "targetDensity": 1.0}],
             "factors": [{"kind": "SKIN_TYPE", "note": "Fitzpatrick III"}, {"kind": "PIGMENT_SHADE", "note": "dark brown 20:1"}]}""")
    record Plan(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant plannedAt,
            @Size(max = NAME) String practitionerId,
            @NotNull @Min(1) @Max(20) Integer plannedSessions,
            @NotEmpty @Size(max = ENTRIES) List<@NotNull @Valid Target> targets,
            @Size(max = ENTRIES) List<@NotNull @Valid Factor> factors,
            @Size(max = TEXT) String notes) {

        @AssertTrue(message = "each zone is named once")
        boolean isEachZoneOnce() {
            return targets == null
                    || targets.stream()
                                    .filter(t -> t != null && t.zone() != null)
                                    .map(Target::zone)
                                    .distinct()
                                    .count()
                            == targets.stream()
                                    .filter(t -> t != null && t.zone() != null)
                                    .count();
        }
    }

    @Schema(example = """
            {"completedBy": "pr-anna", "notes": "client happy with the density"}""")
    record CourseCompletion(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant completedAt,
            @Size(max = NAME) String completedBy,
            @Size(max = TEXT) String notes) {}

    @Schema(example = """
            {"authority": "Texas DSHS", "reference": "TX-2026-0077"}""")
    record AuthorityReport(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant reportedAt,
            @NotBlank @Size(max = NAME) String authority,
            @Size(max = NAME) String reference,
            @Size(max = NAME) String reportedBy) {}

    record Retained(
            @NotNull ScalpZone zone,
            @NotNull @DecimalMin("0") @DecimalMax("2") Double fraction) {}

    @Schema(example = """
            {"reason": "FADING", "zones": ["HAIRLINE", "CROWN"], "requestedBy": "client",
             "retainedDensity": [{"zone": "CROWN", "fraction": 0.6}]}""")
    record TouchUp(
            @PastOrPresent(message = NOT_IN_FUTURE) Instant requestedAt,
            @NotNull TouchUpRequested.Reason reason,
            @NotEmpty @Size(max = ENTRIES) List<@NotNull ScalpZone> zones,
            @Size(max = NAME) String requestedBy,
            @Size(max = ENTRIES) List<@NotNull @Valid Retained> retainedDensity,
            @Size(max = TEXT) String notes) {}

    @Schema(example = """
            {"correctedEventId": "0767ff11-2023-4cae-a1c6-8915c0472e0c", "reason": "crown density was 0.3, not 0.4",
             "changes": {"zoneWork[0].densityAddedFraction": "0.3"}}""")
    record Correction(
            @NotBlank @Size(max = NAME) String correctedEventId,
            @NotBlank @Size(max = TEXT) String reason,

            @Size(max = CorrectRecord.MAX_CHANGES)
            Map<
                            @NotNull @Size(max = NAME)
                            @Pattern(
                                    regexp = CorrectRecord.FIELD_PATH,
                                    message = "must be a field path such as zoneWork[0].densityAddedFraction")
                            String,
                            @NotNull @Size(max = CorrectRecord.MAX_VALUE_LENGTH) String>
                    changes,

            boolean voided,
            @Valid Person personalDetails) {

        @AssertTrue(message = "a correction voids the event, lists changes or gives personalDetails")
        boolean isSomethingCorrected() {
            return voided || (changes != null && !changes.isEmpty()) || personalDetails != null;
        }
    }
}
