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
import jakarta.validation.constraints.Size;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Request bodies of the treatment-record commands. Times left out mean "now". */
final class TreatmentRequests {

    private TreatmentRequests() {
    }

    record Person(@NotBlank @Size(max = 200) String fullName, @NotNull @Past LocalDate dateOfBirth, @Email String email,
                  @Size(max = 40) String phone) {
        PersonalDetails toDetails() {
            return new PersonalDetails(fullName, dateOfBirth, email, phone);
        }
    }

    @Schema(example = """
            {"personalDetails": {"fullName": "Sam Client", "dateOfBirth": "1985-04-02", "email": "sam@example.org", "phone": "+44 20 7946 0000"}}""")
    record Registration(@NotNull @Valid Person personalDetails, Instant registeredAt) {
    }

    record HairLoss(@NotNull ConsultationHeld.HairLossScale scale, @NotBlank String grade) {
    }

    record Skin(@NotNull ConsultationHeld.FitzpatrickType fitzpatrickType, @NotNull ConsultationHeld.Undertone undertone) {
    }

    record Scar(@NotNull ConsultationHeld.ScarKind kind, @NotNull ScalpZone zone, @NotNull @Min(0) @Max(1200) Integer ageInMonths) {
    }

    @Schema(example = """
            {"practitionerId": "pr-anna", "hairLoss": {"scale": "NORWOOD", "grade": "V"}, "alopeciaType": "ANDROGENETIC",
             "skin": {"fitzpatrickType": "III", "undertone": "NEUTRAL"},
             "scars": [{"kind": "FUT_STRIP", "zone": "DONOR", "ageInMonths": 14}], "goals": "a soft natural shaved look"}""")
    record Consultation(Instant heldAt, String practitionerId, @NotNull @Valid HairLoss hairLoss,
                        @NotNull ConsultationHeld.AlopeciaType alopeciaType, @NotNull @Valid Skin skin,
                        List<@NotNull @Valid Scar> scars, @Size(max = 4000) String goals) {
    }

    record Finding(@NotNull ContraindicationScreened.Contraindication contraindication,
                   @NotNull ContraindicationScreened.Severity severity, LocalDate waitUntil, @Size(max = 2000) String note) {
    }

    @Schema(example = """
            {"practitionerId": "pr-anna", "findings": [{"contraindication": "BLOOD_THINNERS", "severity": "RELATIVE", "note": "aspirin, paused"}]}""")
    record Screening(Instant screenedAt, String practitionerId, @NotNull List<@NotNull @Valid Finding> findings) {
    }

    @Schema(example = """
            {"formVersion": "v3", "documentRef": "consents/2026/0042.pdf", "witnessedBy": "pr-ben"}""")
    record Consent(Instant signedAt, @NotBlank String formVersion, @NotBlank String documentRef, String witnessedBy) {
    }

    @Schema(example = """
            {"lotId": "lot-7f3a", "site": "behind the left ear", "appliedAt": "2026-03-01T10:00:00Z", "readAt": "2026-03-03T10:00:00Z",
             "result": "NEGATIVE", "practitionerId": "pr-anna"}""")
    record PatchTest(@NotBlank String lotId, @NotBlank String site, @NotNull Instant appliedAt, Instant readAt,
                     @NotNull PatchTestRecorded.Result result, String findings, String waiverReason, String practitionerId) {

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
    record HairlineDesign(Instant designedAt, String practitionerId, @NotBlank String style, @Size(max = 4000) String description,
                          @NotEmpty List<@NotNull ScalpZone> plannedZones, String approvedByClient) {
    }

    record PigmentUse(@NotBlank String lotId, @NotNull @DecimalMin("0") @DecimalMax("100") Double dilutionWaterParts) {
    }

    record ZoneWork(@NotNull ScalpZone zone,
                    @DecimalMin(value = "0", inclusive = false) @DecimalMax("2") Double densityAddedFraction,
                    @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") Double dotsPerCm2,
                    @NotNull @Min(1) @Max(15) Integer needleCount,
                    @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("2") Double needleDiameterMm,
                    Double depthMm, @NotEmpty List<@NotNull @Valid PigmentUse> pigments, @Size(max = 2000) String notes) {

        @AssertTrue(message = "give densityAddedFraction or dotsPerCm2")
        boolean isDensityGiven() {
            return densityAddedFraction != null || dotsPerCm2 != null;
        }

        SessionCompleted.ZoneWork toZoneWork() {
            return new SessionCompleted.ZoneWork(zone, densityAddedFraction, dotsPerCm2, needleCount, needleDiameterMm, depthMm,
                    pigments.stream().map(p -> new SessionCompleted.PigmentUse(p.lotId(), p.dilutionWaterParts())).toList(), notes);
        }
    }

    record Override(@NotBlank String reason, String approvedBy) {
    }

    @Schema(example = """
            {"startedAt": "2026-03-10T09:00:00Z", "endedAt": "2026-03-10T12:00:00Z", "practitionerId": "pr-anna",
             "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3, "needleCount": 3, "needleDiameterMm": 0.25, "depthMm": 0.6,
                           "pigments": [{"lotId": "lot-7f3a", "dilutionWaterParts": 20}], "notes": "first layer"}],
             "notes": "client comfortable throughout"}""")
    record Session(@NotNull Instant startedAt, @NotNull Instant endedAt, String practitionerId,
                   @NotEmpty List<@NotNull @Valid ZoneWork> zoneWork, @Valid Override override, @Size(max = 4000) String notes) {

        @AssertTrue(message = "endedAt must be after startedAt")
        boolean isEndAfterStart() {
            return startedAt == null || endedAt == null || endedAt.isAfter(startedAt);
        }
    }

    record Instruction(@NotNull AftercareIssued.Restriction restriction, @NotNull @Min(0) @Max(365) Integer days) {
    }

    @Schema(example = """
            {"sessionId": "3f1c2a9e-6d0b-4d7e-9d1a-2b5c8e7f9a10", "writtenCopyGiven": true,
             "instructions": [{"restriction": "NO_WETTING", "days": 4}, {"restriction": "NO_SUN", "days": 28}]}""")
    record Aftercare(@NotBlank String sessionId, Instant issuedAt, String issuedBy, List<@NotNull @Valid Instruction> instructions,
                     boolean writtenCopyGiven) {
    }

    record Observation(@NotNull ScalpZone zone, @NotNull HealingAssessed.Observation observation) {
    }

    @Schema(example = """
            {"sessionId": "3f1c2a9e-6d0b-4d7e-9d1a-2b5c8e7f9a10", "outcome": "AS_EXPECTED",
             "observations": [{"zone": "CROWN", "observation": "HEALED_WELL"}], "notes": "ready for session 2"}""")
    record HealingAssessment(@NotBlank String sessionId, Instant assessedAt, String practitionerId,
                             @NotNull HealingAssessed.Outcome outcome, List<@NotNull @Valid Observation> observations,
                             @Size(max = 4000) String notes) {
    }

    @Schema(example = """
            {"observedAt": "2026-03-12T08:00:00Z", "kind": "ALLERGIC", "severity": "MODERATE", "lotIds": ["lot-7f3a"],
             "description": "itching and raised dots on the crown"}""")
    record AdverseReaction(Instant observedAt, String reportedBy, @NotNull AdverseReactionReported.Kind kind,
                           @NotNull AdverseReactionReported.Severity severity, List<@NotBlank String> lotIds,
                           @NotBlank @Size(max = 4000) String description, String authorityReference) {
    }

    record Retained(@NotNull ScalpZone zone, @NotNull @DecimalMin("0") @DecimalMax("2") Double fraction) {
    }

    @Schema(example = """
            {"reason": "FADING", "zones": ["HAIRLINE", "CROWN"], "requestedBy": "client",
             "retainedDensity": [{"zone": "CROWN", "fraction": 0.6}]}""")
    record TouchUp(Instant requestedAt, @NotNull TouchUpRequested.Reason reason, @NotEmpty List<@NotNull ScalpZone> zones,
                   String requestedBy, List<@NotNull @Valid Retained> retainedDensity, @Size(max = 4000) String notes) {
    }

    @Schema(example = """
            {"correctedEventId": "0767ff11-2023-4cae-a1c6-8915c0472e0c", "reason": "crown density was 0.3, not 0.4",
             "changes": {"zoneWork[0].densityAddedFraction": "0.3"}}""")
    record Correction(@NotBlank String correctedEventId, @NotBlank @Size(max = 2000) String reason, Map<String, String> changes,
                      boolean voided, @Valid Person personalDetails) {

        @AssertTrue(message = "a correction voids the event, lists changes or gives personalDetails")
        boolean isSomethingCorrected() {
            return voided || (changes != null && !changes.isEmpty()) || personalDetails != null;
        }
    }
}
