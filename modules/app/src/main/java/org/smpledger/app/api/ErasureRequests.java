package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.smpledger.events.treatment.ClientPersonalDataErased.Reason;

/** Bodies of the erasure and retention endpoints. */
final class ErasureRequests {

    private ErasureRequests() {}

    /** A legal reference, never a name: it stays readable after the erasure. */
    static final int MAX_LEGAL_BASIS = 200;

    @Schema(example = """
            {"reason": "CLIENT_REQUEST", "legalBasis": "GDPR Art. 17(1)(a); request ref. 2026-114"}""")
    record Erasure(
            @NotNull Reason reason,
            @NotBlank @Size(max = MAX_LEGAL_BASIS) String legalBasis,

            @Schema(
                    description =
                            "the legal basis that lifts a retention period still running; without it such an erasure is refused")
            @Size(max = MAX_LEGAL_BASIS)
            String overrideLegalBasis) {}

    record RetentionErasures(
            @Schema(description = "list what would be erased and erase nothing (the default)")
            Boolean dryRun,

            @Schema(description = "the day the review is for (default today)")
            LocalDate asOf) {
        boolean dry() {
            return dryRun == null || dryRun;
        }
    }
}
