package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.treatment.ErasePersonalData;
import org.smpledger.personaldata.ClientKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a client's personal data: {@code ClientPersonalDataErased} is recorded (refused inside the
 * retention period unless an overriding legal basis is given), then the client's key is destroyed.
 */
@RestController
@RequestMapping(path = "/api/clients", produces = "application/json")
class ErasureController {

    private final CommandDispatch dispatch;
    private final ClientKeys keys;

    ErasureController(CommandDispatch dispatch, ClientKeys keys) {
        this.dispatch = dispatch;
        this.keys = keys;
    }

    @PostMapping(path = "/{clientId}/erasure", consumes = "application/json")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(
            summary = "Erase the client's personal data (crypto-shredding), keeping the clinical history",
            description =
                    "Records ClientPersonalDataErased and destroys the client's key: name, birth date, contact and "
                            + "personal notes become unreadable for good. Inside the retention period of the clinic's jurisdiction "
                            + "the request is refused (422 retention-period, with retentionRule and erasableFrom) unless "
                            + "overrideLegalBasis is given, which is recorded.")
    ResponseEntity<Map<String, Object>> erase(
            @PathVariable String clientId,
            @Valid @RequestBody ErasureRequests.Erasure body,
            @Parameter(hidden = true) Sender sender) {
        Instant now = dispatch.orNow(null);
        Recorded recorded = dispatch.send(
                new ErasePersonalData(
                        clientId,
                        sender.expectedVersion(),
                        UUID.randomUUID().toString(),
                        now,
                        body.reason(),
                        body.legalBasis(),
                        body.overrideLegalBasis() == null
                                        || body.overrideLegalBasis().isBlank()
                                ? null
                                : body.overrideLegalBasis(),
                        sender.actorId()),
                sender,
                body);
        keys.shred(clientId, now);
        return CommandDispatch.created(
                recorded, "clientId", "erasureId", "/api/clients/" + clientId + "/erasure/" + recorded.recordId());
    }
}
