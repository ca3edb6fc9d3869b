package org.smpledger.app.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.smpledger.projections.Page;
import org.smpledger.projections.audit.AuditTrail;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.projections.timeline.TimelineQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A client's record as clinics and auditors read it: timeline, over-layering risk, stored events. */
@RestController
@RequestMapping("/api/clients/{clientId}")
class ClientQueriesController {

    private final ObjectProvider<TimelineQuery> timeline;
    private final ObjectProvider<RiskQuery> risk;
    private final ObjectProvider<AuditTrail> audit;
    private final Clock clock;

    ClientQueriesController(
            ObjectProvider<TimelineQuery> timeline,
            ObjectProvider<RiskQuery> risk,
            ObjectProvider<AuditTrail> audit,
            Clock clock) {
        this.timeline = timeline;
        this.risk = risk;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/timeline")
    ClientTimeline timeline(
            @PathVariable String clientId,
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Instant at = QueryParameters.asOf(asOf);
        QueryParameters.page(page, size);
        return QueryParameters.available(Optional.ofNullable(timeline.getIfAvailable()))
                .timeline(clientId, at, page, size)
                .orElseThrow(() -> QueryParameters.notFound(notRecorded(clientId, at)));
    }

    @GetMapping("/risk")
    ClientRisk risk(@PathVariable String clientId, @RequestParam(required = false) String asOf) {
        Instant at = QueryParameters.asOf(asOf);
        return QueryParameters.available(Optional.ofNullable(risk.getIfAvailable()))
                .risk(clientId, at, clock.instant())
                .orElseThrow(() -> QueryParameters.notFound(notRecorded(clientId, at)));
    }

    /** For auditors: shows personal data (registration, detail corrections). Access control comes with the security work. */
    @GetMapping("/events")
    Page<AuditTrail.StoredEvent> events(
            @PathVariable String clientId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        QueryParameters.page(page, size);
        return QueryParameters.available(Optional.ofNullable(audit.getIfAvailable()))
                .events(clientId, page, size)
                .orElseThrow(() -> QueryParameters.notFound("no events are stored for client " + clientId));
    }

    private static String notRecorded(String clientId, Instant asOf) {
        return asOf == null
                ? "no client " + clientId + " is recorded"
                : "client " + clientId + " had no record as of " + asOf;
    }
}
