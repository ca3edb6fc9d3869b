package org.smpledger.app.access;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.accesslog.AccessLogPage;
import org.smpledger.accesslog.AccessLogQueries;
import org.smpledger.accesslog.RecordOwners;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditors read the access log: who read a client's record (and who tried), or everything of the
 * clinic over a range of hours; newest first, paged. Reading it is itself recorded.
 */
@RestController
class AccessLogController {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final AccessLogQueries queries;
    private final RecordOwners owners;
    private final Clock clock;

    AccessLogController(AccessLogQueries queries, ObjectProvider<EventStore> eventStore, Clock clock) {
        this.queries = queries;
        this.owners = new StreamOwners(eventStore);
        this.clock = clock;
    }

    @GetMapping("/api/clients/{clientId}/access-log")
    @Admits(Role.AUDITOR)
    @Operation(summary = "Every read of the client's record and every refused attempt on it, newest first")
    AccessLogPage forClient(
            @PathVariable String clientId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        page(page, size);
        Optional<String> owner = owners.clinicOf("client", clientId);
        if (owner.isEmpty() || !owner.get().equals(caller.clinicId())) {
            owner.ifPresent(other -> AccessAttempt.current()
                    .ifPresent(attempt -> attempt.otherClinic("client", clientId, other, "access-log")));
            throw new ProblemException(Problems.unknownRecord(clientId));
        }
        AccessAttempt.current().ifPresent(attempt -> attempt.read("client", clientId, caller.clinicId(), "access-log"));
        return queries.forClient(caller.clinicId(), clientId, page, size);
    }

    @GetMapping("/api/access-log")
    @Admits(Role.AUDITOR)
    @Operation(
            summary = "The clinic's access log over whole hours (UTC), newest first",
            description = "from (default: 24 hours before to) is taken down and to (default: now) up to the whole "
                    + "hour; the range may cover at most 92 days. Lists the reads by the clinic's staff, every refused "
                    + "access of theirs, and every attempt by anyone on the clinic's records.")
    AccessLogPage forClinic(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @AuthenticationPrincipal StaffMember caller) {
        page(page, size);
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new ProblemException(Problems.invalidRequest("from", "must be before to"));
        }
        if (Duration.between(start, end).compareTo(AccessLogQueries.MAX_RANGE.minusHours(1)) > 0) {
            throw new ProblemException(Problems.invalidRequest(
                    "to", "must be at most " + (AccessLogQueries.MAX_RANGE.toDays() - 1) + " days after from"));
        }
        AccessAttempt.current()
                .ifPresent(attempt -> attempt.read("clinic", caller.clinicId(), caller.clinicId(), "access-log"));
        return queries.forClinic(caller.clinicId(), start, end, page, size);
    }

    private static void page(int page, int size) {
        if (page < 0) {
            throw new ProblemException(Problems.invalidRequest("page", "must be 0 or more"));
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw new ProblemException(Problems.invalidRequest("size", "must be between 1 and " + Page.MAX_SIZE));
        }
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    Problems.invalidRequest(parameter, "must be an ISO-8601 instant such as 2026-01-27T10:00:00Z"));
        }
    }
}
