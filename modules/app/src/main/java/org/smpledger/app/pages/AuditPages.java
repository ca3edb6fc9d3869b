package org.smpledger.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.accesslog.AccessLogPage;
import org.smpledger.accesslog.AccessLogQueries;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.access.PersonalDataView;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.Page;
import org.smpledger.projections.audit.AuditTrail;
import org.smpledger.web.LogVerification;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The auditor's view: a client's stored events with their metadata and who read the record; the
 * clinic's access log; the log's verification.
 */
@Controller
@Hidden
class AuditPages {

    private static final int EVENTS = 500;
    private static final int ACCESSES = 200;

    private final ObjectProvider<AuditTrail> audit;
    private final ObjectProvider<EventStore> eventStore;
    private final AccessLogQueries accessLog;
    private final ObjectProvider<LogVerification> verification;
    private final Clock clock;

    AuditPages(
            ObjectProvider<AuditTrail> audit,
            ObjectProvider<EventStore> eventStore,
            AccessLogQueries accessLog,
            ObjectProvider<LogVerification> verification,
            Clock clock) {
        this.audit = audit;
        this.eventStore = eventStore;
        this.accessLog = accessLog;
        this.verification = verification;
        this.clock = clock;
    }

    @GetMapping("/audit")
    @Admits(Role.AUDITOR)
    String clinic(@AuthenticationPrincipal StaffMember caller, Model model) {
        Instant to = clock.instant();
        AccessLogPage page = accessLog.forClinic(caller.clinicId(), to.minus(Duration.ofHours(24)), to, 0, ACCESSES);
        AccessAttempt.current()
                .ifPresent(attempt -> attempt.read("clinic", caller.clinicId(), caller.clinicId(), "access-log"));
        model.addAttribute("accesses", page);
        model.addAttribute("verificationAvailable", verification.getIfAvailable() != null);
        Optional.ofNullable(verification.getIfAvailable())
                .ifPresent(verifier -> model.addAttribute("verification", verifier.verify(caller.clinicId())));
        return "pages/audit";
    }

    @GetMapping("/audit/clients/{clientId}")
    @Admits(Role.AUDITOR)
    String client(@PathVariable String clientId, @AuthenticationPrincipal StaffMember caller, Model model) {
        if (eventStore.getIfAvailable() == null) {
            throw new ProblemException(Problems.unknownRecord(clientId));
        }
        Page<AuditTrail.StoredEvent> events = ClientRecords.available(audit.getIfAvailable())
                .events(clientId, caller.clinicId(), 0, EVENTS)
                .orElseThrow(() -> new ProblemException(Problems.unknownRecord(clientId)));
        AccessAttempt.current().ifPresent(attempt -> attempt.read("client", clientId, caller.clinicId(), "events"));
        model.addAttribute("clientId", clientId);
        // the auditor's page: personal values stay withheld, nothing is opened
        model.addAttribute("events", PersonalDataView.of(events, caller, Map::of));
        model.addAttribute("accesses", accessLog.forClient(caller.clinicId(), clientId, 0, ACCESSES));
        return "pages/audit-client";
    }
}
