package org.smpledger.domain.clinic;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RequestMetaData;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.domain.recording.StreamBookkeeping;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyEvent;

/**
 * A clinic's rule book: the policies it adopted, version after version, one stream per clinic
 * ({@link ClinicPolicyEvent#streamIdOf}). A policy is a complete, consistent set of rules and is
 * never retroactive: it takes effect at its adoption or later, so everything already judged stays
 * judged by the policy that was in force.
 */
public class ClinicRuleBook {

    private static final String STREAM = "clinic-policy";

    @AggregateIdentifier
    private String streamId;

    private int version;
    private final StreamBookkeeping stream = new StreamBookkeeping();

    protected ClinicRuleBook() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(AdoptClinicPolicy c, MetaData metaData) {
        String sender = RequestMetaData.clinicId(metaData);
        if (sender != null && !sender.equals(c.clinicId())) {
            throw RuleViolation.notFound(
                    "clinic-policy-not-found",
                    "A clinic adopts its own policy only.",
                    numbers("clinicId", c.clinicId()));
        }
        Optional<Recorded> earlier = stream.admit(STREAM, c.clinicId(), c.expectedVersion(), metaData);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<ClinicPolicy.RuleProblem> problems = ClinicPolicy.problems(c.rules());
        if (!problems.isEmpty()) {
            throw RuleViolation.refused(
                    "policy-invalid",
                    "These rules do not make a policy: "
                            + String.join(
                                    "; ",
                                    problems.stream()
                                            .map(p -> p.field() + " " + p.message())
                                            .toList()) + ".",
                    numbers(
                            "problems",
                            problems.stream()
                                    .map(p -> numbers("field", p.field(), "message", p.message()))
                                    .toList()));
        }
        Instant effectiveFrom = c.effectiveFrom() != null ? c.effectiveFrom() : c.adoptedAt();
        if (effectiveFrom.isBefore(c.adoptedAt())) {
            throw RuleViolation.refused(
                    "policy-retroactive",
                    "A policy takes effect at its adoption (%s) or later, not at %s: what is past stays judged as it was."
                            .formatted(c.adoptedAt(), effectiveFrom),
                    numbers("adoptedAt", c.adoptedAt().toString(), "effectiveFrom", effectiveFrom.toString()));
        }
        int next = version + 1;
        apply(
                new ClinicPolicyAdopted(
                        c.clinicId(),
                        ClinicPolicyAdopted.policyIdOf(c.clinicId(), next),
                        next,
                        c.adoptedAt(),
                        c.adoptedBy(),
                        effectiveFrom,
                        c.rules(),
                        c.reason()),
                RequestMetaData.idempotencyOf(metaData));
        return stream.last();
    }

    @EventSourcingHandler
    void on(
            ClinicPolicyEvent event,
            @SequenceNumber long sequenceNumber,
            @MessageIdentifier String eventId,
            MetaData metaData) {
        EventDescription description = EventCatalog.describe(event);
        stream.track(
                event.streamId(), description.name(), eventId, description.recordIdOf(event), sequenceNumber, metaData);
        streamId = event.streamId();
        stream.ownedBy(event.clinicId());
        event.accept(adopted -> {
            version = Math.max(version, adopted.version());
            return null;
        });
    }
}
