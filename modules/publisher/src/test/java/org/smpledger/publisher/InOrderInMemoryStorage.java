package org.smpledger.publisher;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Axon's in-memory storage engine, storing a batch one event at a time. Axon's engine puts a
 * batch into its sorted map in hash order (position 0 of a 15-event batch comes last), so a
 * processor reading meanwhile can see a later position first and never go back for the earlier
 * one. Tests that publish while a processor runs need positions to appear in order, as they do
 * in our MongoDB engine (one document per batch).
 */
final class InOrderInMemoryStorage extends InMemoryEventStorageEngine {

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        events.forEach(event -> super.appendEvents(List.of(event)));
    }
}
