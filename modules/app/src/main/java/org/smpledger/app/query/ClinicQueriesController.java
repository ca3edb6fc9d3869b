package org.smpledger.app.query;

import java.time.Instant;
import java.util.Optional;
import org.smpledger.projections.overview.ClinicOverview;
import org.smpledger.projections.overview.ClinicOverviewQuery;
import org.smpledger.projections.risk.RiskFlags;
import org.smpledger.projections.risk.RiskQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists over the clinic named by the {@code X-Clinic-Id} header: risk flags and the overview. */
@RestController
class ClinicQueriesController {

    private final ObjectProvider<RiskQuery> risk;
    private final ObjectProvider<ClinicOverviewQuery> overview;

    ClinicQueriesController(ObjectProvider<RiskQuery> risk, ObjectProvider<ClinicOverviewQuery> overview) {
        this.risk = risk;
        this.overview = overview;
    }

    @GetMapping("/api/risk-flags")
    RiskFlags riskFlags(
            @RequestHeader(QueryParameters.CLINIC_HEADER) String clinicId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        return QueryParameters.available(Optional.ofNullable(risk.getIfAvailable()))
                .flags(clinicId.trim(), page, size);
    }

    /** {@code today} (default: now) is the day the minimum interval and touch-up cadence are checked against. */
    @GetMapping("/api/clinic-overview")
    ClinicOverview overview(
            @RequestHeader(QueryParameters.CLINIC_HEADER) String clinicId,
            @RequestParam(required = false) String today,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        Instant day = today == null || today.isBlank() ? Instant.now() : QueryParameters.instant("today", today);
        return QueryParameters.available(Optional.ofNullable(overview.getIfAvailable()))
                .overview(clinicId.trim(), day, page, size);
    }
}
