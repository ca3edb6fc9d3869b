package org.smpledger.app.domain;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.domain.lot.LotFacts;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.events.lot.PigmentLotEvent;

/** Answers a treatment record's lot questions from the lot's own stream: an exact-key read, always current. */
class EventStorePigmentLots implements PigmentLots {

    private final Supplier<EventStore> eventStore;

    EventStorePigmentLots(Supplier<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<LotFacts> find(String lotId) {
        return LotFacts.of(eventStore
                .get()
                .readEvents(lotId)
                .asStream()
                .map(EventMessage::getPayload)
                .filter(PigmentLotEvent.class::isInstance)
                .map(PigmentLotEvent.class::cast)
                .toList());
    }
}
