package org.smpledger.app.query;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.overview.ClinicOverview;
import org.smpledger.projections.overview.ClinicOverviewQuery;
import org.smpledger.projections.risk.RiskFlags;
import org.smpledger.projections.risk.RiskQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists over the caller's clinic: risk flags and the overview. The clients each page names are in the access log. */
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
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    @Operation(summary = "The clinic's clients at watch or high, worst first")
    RiskFlags riskFlags(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        QueryParameters.page(page, size);
        RiskFlags flags = QueryParameters.available(Optional.ofNullable(risk.getIfAvailable()))
                .flags(caller.clinicId(), clock.instant(), page, size);
        CallersClinic.read("clinic", caller.clinicId(), caller.clinicId(), "risk-flags");
        CallersClinic.named(
                flags.flags().items().stream().map(RiskFlags.Flag::clientId).toList());
        return flags;
    }

    /** {@code today} (default: now, on the server's clock) is the day the minimum interval and touch-up cadence are checked against. */
    @GetMapping("/api/clinic-overview")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    @Operation(summary = "The clinic at a glance: sessions per client, who awaits a session, whose touch-up is due")
    ClinicOverview overview(
            @RequestParam(required = false) String today,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        QueryParameters.page(page, size);
        Instant day = today == null || today.isBlank() ? clock.instant() : QueryParameters.instant("today", today);
        ClinicOverview answer = QueryParameters.available(Optional.ofNullable(overview.getIfAvailable()))
                .overview(caller.clinicId(), day, page, size);
        List<String> named = new ArrayList<>();
        answer.awaitingNextSession().items().forEach(a -> named.add(a.clientId()));
        answer.touchUpsDue().items().forEach(d -> named.add(d.clientId()));
        CallersClinic.read("clinic", caller.clinicId(), caller.clinicId(), "clinic-overview");
        CallersClinic.named(named);
        return answer;
    }
}
