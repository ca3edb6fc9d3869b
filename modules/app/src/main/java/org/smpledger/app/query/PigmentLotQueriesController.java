package org.smpledger.app.query;

import java.util.Optional;
import org.smpledger.projections.lots.LotRecall;
import org.smpledger.projections.lots.LotRecallQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lot recall: which clients received a lot, answered from the lot's own document. */
@RestController
class PigmentLotQueriesController {

    private final ObjectProvider<LotRecallQuery> lots;

    PigmentLotQueriesController(ObjectProvider<LotRecallQuery> lots) {
        this.lots = lots;
    }

    @GetMapping("/api/pigment-lots/{lotId}/clients")
    LotRecall clients(
            @PathVariable String lotId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        return QueryParameters.available(Optional.ofNullable(lots.getIfAvailable()))
                .clients(lotId, page, size)
                .orElseThrow(() -> QueryParameters.notFound("lot " + lotId + " was neither received nor used"));
    }
}
