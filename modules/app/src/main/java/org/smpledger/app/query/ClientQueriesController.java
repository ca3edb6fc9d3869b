package org.smpledger.app.query;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.smpledger.app.access.PersonalDataView;
import org.smpledger.app.personaldata.ErasedClients;
import org.smpledger.app.personaldata.OpenedRecords;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.Page;
import org.smpledger.projections.audit.AuditTrail;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.projections.timeline.TimelineQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's record as its clinic reads it: timeline, over-layering risk, stored events, personal
 * details. Another clinic's client answers exactly like an unknown one; every answer is in the
 * access log.
 */
@RestController
@RequestMapping("/api/clients/{clientId}")
class ClientQueriesController {

    private final ObjectProvider<TimelineQuery> timeline;
    private final ObjectProvider<RiskQuery> risk;
    private final ObjectProvider<AuditTrail> audit;
    private final ObjectProvider<OpenedRecords> opened;
    private final ErasedClients erased;
    private final Clock clock;

    ClientQueriesController(
            ObjectProvider<TimelineQuery> timeline,
            ObjectProvider<RiskQuery> risk,
            ObjectProvider<AuditTrail> audit,
            ObjectProvider<OpenedRecords> opened,
            ErasedClients erased,
            Clock clock) {
        this.erased = erased;
        this.timeline = timeline;
        this.risk = risk;
        this.audit = audit;
        this.opened = opened;
        this.clock = clock;
    }

    @GetMapping("/timeline")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    @Operation(
            summary = "The client's record as a list of steps, as it stood at asOf (default: now)",
            description = "personalDataErasedAt: when the client's personal data was erased (null: it was not).")
    ErasedClients.AboutClient<ClientTimeline> timeline(
            @PathVariable String clientId,
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        Instant at = QueryParameters.asOf(asOf);
        QueryParameters.page(page, size);
        ClientTimeline found = QueryParameters.available(Optional.ofNullable(timeline.getIfAvailable()))
                .timeline(clientId, at, page, size)
                .orElseThrow(() -> QueryParameters.notFound(notRecorded(clientId, at)));
        return erased.about(
                clientId,
                CallersClinic.shown(
                        found,
                        found.clinicId(),
                        caller,
                        "client",
                        clientId,
                        "timeline",
                        () -> QueryParameters.notFound(notRecorded(clientId, at))));
    }

    @GetMapping("/risk")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    @Operation(
            summary = "How each zone stands against the over-layering limits, and why",
            description = "personalDataErasedAt: when the client's personal data was erased (null: it was not).")
    ErasedClients.AboutClient<ClientRisk> risk(
            @PathVariable String clientId,
            @RequestParam(required = false) String asOf,
            @AuthenticationPrincipal StaffMember caller) {
        Instant at = QueryParameters.asOf(asOf);
        ClientRisk found = QueryParameters.available(Optional.ofNullable(risk.getIfAvailable()))
                .risk(clientId, at, clock.instant())
                .orElseThrow(() -> QueryParameters.notFound(notRecorded(clientId, at)));
        return erased.about(
                clientId,
                CallersClinic.shown(
                        found,
                        found.clinicId(),
                        caller,
                        "client",
                        clientId,
                        "risk",
                        () -> QueryParameters.notFound(notRecorded(clientId, at))));
    }

    @GetMapping("/events")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    @Operation(
            summary = "The stored events of the client's stream with their metadata",
            description =
                    "Personal data (fields the event contract marks as personal) is opened with the client's key for "
                            + "practitioners, and withheld (absent) for auditors and analysts; once the client is erased, for everyone.")
    Page<AuditTrail.StoredEvent> events(
            @PathVariable String clientId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        QueryParameters.page(page, size);
        Page<AuditTrail.StoredEvent> events = QueryParameters.available(Optional.ofNullable(audit.getIfAvailable()))
                .events(clientId, caller.clinicId(), page, size)
                .orElseThrow(() -> QueryParameters.notFound("no events are stored for client " + clientId));
        CallersClinic.read("client", clientId, caller.clinicId(), "events");
        return PersonalDataView.of(
                events,
                caller,
                () -> QueryParameters.available(Optional.ofNullable(opened.getIfAvailable()))
                        .of(clientId));
    }

    @GetMapping("/personal-details")
    @Admits({Role.PRACTITIONER, Role.CLINIC_ADMIN})
    @Operation(
            summary = "The client's name, birth date and contact as they now stand (registration and corrections)",
            description = "Opened with the client's key. After an erasure every detail is null and erased is true.")
    ClientPersonalDetails.OnRecord personalDetails(
            @PathVariable String clientId, @AuthenticationPrincipal StaffMember caller) {
        OpenedRecords records = QueryParameters.available(Optional.ofNullable(opened.getIfAvailable()));
        ClientPersonalDetails.OnRecord found = new ClientPersonalDetails(records)
                .of(clientId)
                .orElseThrow(() -> QueryParameters.notFound(notRecorded(clientId, null)));
        return CallersClinic.shown(
                found,
                found.clinicId(),
                caller,
                "client",
                clientId,
                "personal-details",
                () -> QueryParameters.notFound(notRecorded(clientId, null)));
    }

    private static String notRecorded(String clientId, Instant asOf) {
        return asOf == null
                ? "no client " + clientId + " is recorded"
                : "client " + clientId + " had no record as of " + asOf;
    }
}
