package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.policy.RetentionPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.domain.treatment.ErasePersonalData;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.personaldata.ClientKeys;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention: which of the clinic's clients are past the retention period of its jurisdiction (their
 * personal data may, and should, be erased), and their erasure in bulk, one event each, dry run first.
 */
@RestController
@RequestMapping(path = "/api/retention", produces = "application/json")
class RetentionController {

    /** A client past retention. */
    record Due(String clientId, Instant lastTreatmentAt, String retentionRule, LocalDate erasableFrom) {}

    /** What a bulk erasure did (or, in a dry run, would do) for one client. */
    record Outcome(String clientId, String retentionRule, LocalDate erasableFrom, String eventId, String refusedBy) {}

    record Review(String clinicId, LocalDate asOf, boolean dryRun, List<Outcome> clients) {}

    private final EventStore events;
    private final ClientKeys keys;
    private final RetentionPolicy retention;
    private final CommandDispatch dispatch;

    RetentionController(EventStore events, ClientKeys keys, RetentionPolicy retention, CommandDispatch dispatch) {
        this.events = events;
        this.keys = keys;
        this.retention = retention;
        this.dispatch = dispatch;
    }

    @GetMapping("/due")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(
            summary =
                    "The clinic's clients past retention on asOf (default today), whose personal data is not yet erased",
            description =
                    "Retention counts from the last session, patch test or consultation (the registration if none), "
                            + "for the years of the clinic's jurisdiction (smp.retention.*).")
    List<Due> due(@RequestParam(required = false) LocalDate asOf, @AuthenticationPrincipal StaffMember caller) {
        return due(caller.clinicId(), asOf == null ? today() : asOf);
    }

    @PostMapping(path = "/erasures", consumes = "application/json")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(
            summary = "Erase the personal data of every client past retention, one ClientPersonalDataErased each",
            description = "dryRun (default true) lists what would be erased and changes nothing.")
    Review erasures(
            @Valid @RequestBody ErasureRequests.RetentionErasures body,
            @AuthenticationPrincipal StaffMember caller,
            @Parameter(hidden = true) Sender sender) {
        LocalDate asOf = body.asOf() == null ? today() : body.asOf();
        List<Outcome> outcomes = new ArrayList<>();
        for (Due client : due(caller.clinicId(), asOf)) {
            if (body.dry()) {
                outcomes.add(new Outcome(client.clientId(), client.retentionRule(), client.erasableFrom(), null, null));
                continue;
            }
            Instant now = dispatch.orNow(null);
            try {
                Recorded recorded = dispatch.send(
                        new ErasePersonalData(
                                client.clientId(),
                                null,
                                UUID.randomUUID().toString(),
                                now,
                                ClientPersonalDataErased.Reason.RETENTION_EXPIRED,
                                "retention rule " + client.retentionRule() + " ended on " + client.erasableFrom(),
                                null,
                                sender.actorId()),
                        sender,
                        Map.of("clientId", client.clientId(), "asOf", asOf.toString()));
                keys.shred(client.clientId(), now);
                outcomes.add(new Outcome(
                        client.clientId(), client.retentionRule(), client.erasableFrom(), recorded.eventId(), null));
            } catch (RuleViolation refused) {
                outcomes.add(new Outcome(
                        client.clientId(), client.retentionRule(), client.erasableFrom(), null, refused.rule()));
            }
        }
        return new Review(caller.clinicId(), asOf, body.dry(), outcomes);
    }

    private List<Due> due(String clinicId, LocalDate asOf) {
        RetentionPolicy.Rule rule = retention.ruleFor(clinicId);
        List<Due> due = new ArrayList<>();
        keys.clientsOf(clinicId).forEach((clientId, erasedAt) -> {
            if (erasedAt != null) {
                return;
            }
            DomainEventStream stream = events.readEvents(clientId);
            Instant last = null;
            boolean ours = false;
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                if (message.getPayload() instanceof ClientRegistered registered) {
                    ours = clinicId.equals(registered.clinicId());
                }
                if (message.getPayload() instanceof TreatmentRecordEvent event) {
                    last = RetentionPolicy.lastTreatment(last, event);
                }
            }
            if (ours && last != null) {
                LocalDate erasableFrom = rule.erasableFrom(last, retention.timeZone());
                if (!asOf.isBefore(erasableFrom)) {
                    due.add(new Due(clientId, last, rule.id(), erasableFrom));
                }
            }
        });
        due.sort(Comparator.comparing(Due::erasableFrom).thenComparing(Due::clientId));
        return due;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(dispatch.orNow(null), retention.timeZone());
    }
}
