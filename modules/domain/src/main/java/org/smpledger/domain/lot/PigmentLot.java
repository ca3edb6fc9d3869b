package org.smpledger.domain.lot;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RequestMetaData;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.domain.recording.StreamBookkeeping;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/** One pigment lot: received once, possibly recalled. */
public class PigmentLot {

    @AggregateIdentifier
    private String lotId;

    private boolean recalled;
    /** The id names a client's treatment record, not a lot: nothing here may be recorded on it. */
    private boolean clientStream;

    private final StreamBookkeeping stream = new StreamBookkeeping();

    protected PigmentLot() {}

    /** Creates the lot; a retry with the same Idempotency-Key finds it and answers as the first time. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ReceivePigmentLot command, MetaData metaData) {
        if (clientStream || lotId != null && stream.ownedByAnotherThan(metaData)) {
            // the same answer whoever holds the id, so it says nothing about another clinic's records
            throw RuleViolation.conflict(
                    "lot-id-in-use",
                    "The id %s is already in use; choose another lot id.".formatted(command.lotId()),
                    numbers("lotId", command.lotId()));
        }
        if (lotId != null) {
            Optional<Recorded> earlier = stream.admit("pigment-lot", command.lotId(), null, metaData);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw RuleViolation.conflict(
                    "lot-already-received",
                    "Pigment lot %s was already received.".formatted(command.lotId()),
                    numbers("lotId", command.lotId()));
        }
        return record(
                new PigmentLotReceived(
                        command.lotId(),
                        command.clinicId(),
                        command.brand(),
                        command.shade(),
                        command.batchNumber(),
                        command.expiresOn(),
                        command.reachLabelled(),
                        command.receivedAt(),
                        command.receivedBy()),
                metaData);
    }

    @CommandHandler
    public Recorded handle(RecallPigmentLot command, MetaData metaData) {
        if (clientStream) {
            throw RuleViolation.notFound(
                    "pigment-lot-not-found", "No pigment lot " + lotId + " in this clinic.", numbers("id", lotId));
        }
        Optional<Recorded> earlier = stream.admit("pigment-lot", lotId, command.expectedVersion(), metaData);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (recalled) {
            throw RuleViolation.conflict(
                    "lot-already-recalled",
                    "Pigment lot %s is already recalled.".formatted(lotId),
                    numbers("lotId", lotId));
        }
        return record(
                new PigmentLotRecalled(
                        lotId,
                        command.reason(),
                        command.recalledAt(),
                        command.recalledBy(),
                        command.authorityReference()),
                metaData);
    }

    @EventSourcingHandler
    void on(TreatmentRecordEvent event) {
        lotId = event.clientId();
        clientStream = true;
    }

    private Recorded record(PigmentLotEvent event, MetaData command) {
        apply(event, RequestMetaData.idempotencyOf(command));
        return stream.last();
    }

    @EventSourcingHandler
    void on(
            PigmentLotEvent event,
            @SequenceNumber long sequenceNumber,
            @MessageIdentifier String eventId,
            MetaData metaData) {
        EventDescription description = EventCatalog.describe(event);
        stream.track(
                event.lotId(), description.name(), eventId, description.recordIdOf(event), sequenceNumber, metaData);
        event.accept(new PigmentLotEvent.Visitor<Void>() {
            @Override
            public Void visit(PigmentLotReceived received) {
                lotId = received.lotId();
                stream.ownedBy(received.clinicId());
                return null;
            }

            @Override
            public Void visit(PigmentLotRecalled recalled) {
                PigmentLot.this.recalled = true;
                return null;
            }
        });
    }
}
