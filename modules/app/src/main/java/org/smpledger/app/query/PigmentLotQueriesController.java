package org.smpledger.app.query;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import org.smpledger.app.personaldata.ErasedClients;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.lots.LotRecall;
import org.smpledger.projections.lots.LotRecallQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lot recall: which of the clinic's clients received a lot, answered from the lot's own document. */
@RestController
class PigmentLotQueriesController {

    private final ObjectProvider<LotRecallQuery> lots;
    private final ErasedClients erased;

    PigmentLotQueriesController(ObjectProvider<LotRecallQuery> lots, ErasedClients erased) {
        this.lots = lots;
        this.erased = erased;
    }

    @GetMapping("/api/pigment-lots/{lotId}/clients")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    @Operation(
            summary = "Every client of the clinic who received the lot, with each session or patch test that used it",
            description = "erasedClients lists the clients among them whose personal data is erased.")
    ErasedClients.NamingClients<LotRecall> clients(
            @PathVariable String lotId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        QueryParameters.page(page, size);
        LotRecall recall = QueryParameters.available(Optional.ofNullable(lots.getIfAvailable()))
                .clients(lotId, caller.clinicId(), page, size)
                .orElseThrow(() -> QueryParameters.notFound("lot " + lotId + " was neither received nor used"));
        CallersClinic.read("lot", lotId, caller.clinicId(), "lot-recall");
        List<String> named = recall.clients().items().stream()
                .map(LotRecall.ClientUse::clientId)
                .toList();
        CallersClinic.named(named);
        return erased.naming(named, recall);
    }
}
