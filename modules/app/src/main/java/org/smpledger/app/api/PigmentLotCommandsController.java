package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.domain.lot.RecallPigmentLot;
import org.smpledger.domain.lot.ReceivePigmentLot;
import org.smpledger.domain.recording.Recorded;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pigment lots: received into the clinic, recalled. */
@RestController
@RequestMapping(path = "/api/pigment-lots", produces = "application/json")
@Tag(name = "Pigment lots", description = "Receive and recall pigment lots")
class PigmentLotCommandsController {

    @Schema(example = """
            {"brand": "InkCo", "shade": "dark brown", "batchNumber": "B-1001", "expiresOn": "2027-12-31", "reachLabelled": true}""")
    record Receipt(
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only")
            String lotId,

            @NotBlank @Size(max = TreatmentRequests.NAME) String brand,
            @NotBlank @Size(max = TreatmentRequests.NAME) String shade,
            @NotBlank @Size(max = TreatmentRequests.NAME) String batchNumber,
            @NotNull LocalDate expiresOn,
            boolean reachLabelled,

            @PastOrPresent(message = TreatmentRequests.NOT_IN_FUTURE)
            Instant receivedAt) {}

    @Schema(example = """
            {"reason": "manufacturer recall: microbial contamination", "authorityReference": "FDA-2026-1234"}""")
    record Recall(
            @NotBlank @Size(max = 2000) String reason,

            @PastOrPresent(message = TreatmentRequests.NOT_IN_FUTURE)
            Instant recalledAt,

            @Size(max = TreatmentRequests.NAME) String authorityReference) {}

    private final CommandDispatch dispatch;

    PigmentLotCommandsController(CommandDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @PostMapping(consumes = "application/json")
    @Admits({Role.PRACTITIONER, Role.CLINIC_ADMIN})
    @Operation(summary = "Receive a pigment lot (lotId optional: generated when absent)")
    ResponseEntity<Map<String, Object>> receive(
            @Valid @RequestBody Receipt body, @Parameter(hidden = true) Sender sender) {
        String lotId = body.lotId() != null ? body.lotId() : CommandDispatch.newStreamId("lot", sender);
        Recorded recorded = dispatch.send(
                new ReceivePigmentLot(
                        lotId,
                        sender.clinicId(),
                        body.brand(),
                        body.shade(),
                        body.batchNumber(),
                        body.expiresOn(),
                        body.reachLabelled(),
                        dispatch.orNow(body.receivedAt()),
                        sender.actorId()),
                sender,
                body);
        return CommandDispatch.created(recorded, "lotId", null, "/api/pigment-lots/" + lotId);
    }

    @PostMapping(path = "/{lotId}/recall", consumes = "application/json")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(summary = "Recall a pigment lot: it may no longer be used")
    ResponseEntity<Map<String, Object>> recall(
            @PathVariable String lotId, @Valid @RequestBody Recall body, @Parameter(hidden = true) Sender sender) {
        Recorded recorded = dispatch.send(
                new RecallPigmentLot(
                        lotId,
                        sender.expectedVersion(),
                        body.reason(),
                        dispatch.orNow(body.recalledAt()),
                        sender.actorId(),
                        body.authorityReference()),
                sender,
                body);
        return CommandDispatch.created(recorded, "lotId", null, "/api/pigment-lots/" + lotId);
    }
}
