package org.smpledger.app.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.smpledger.app.http.RequestHeaders;
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
    private final Clock clock;

    ClinicQueriesController(ObjectProvider<RiskQuery> risk, ObjectProvider<ClinicOverviewQuery> overview, Clock clock) {
        this.risk = risk;
        this.overview = overview;
        this.clock = clock;
    }

    /** Every client at WATCH or HIGH, judged by the clinic's policy in force now. */
    @GetMapping("/api/risk-flags")
    RiskFlags riskFlags(
            @RequestHeader(RequestHeaders.CLINIC_ID) String clinicId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        return QueryParameters.available(Optional.ofNullable(risk.getIfAvailable()))
                .flags(clinicId.trim(), clock.instant(), page, size);
    }

    /** {@code today} (default: now, on the server's clock) is the day the minimum interval and touch-up cadence are checked against. */
    @GetMapping("/api/clinic-overview")
    ClinicOverview overview(
            @RequestHeader(RequestHeaders.CLINIC_ID) String clinicId,
            @RequestParam(required = false) String today,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        Instant day = today == null || today.isBlank() ? clock.instant() : QueryParameters.instant("today", today);
        return QueryParameters.available(Optional.ofNullable(overview.getIfAvailable()))
                .overview(clinicId.trim(), day, page, size);
    }
}
