package org.smpledger.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Terse builders for the domain events the tests append. */
final class Events {

    private Events() {}

    static DomainEventMessage<String> noteFor(String client, long sequence) {
        return new GenericDomainEventMessage<>("TreatmentRecord", client, sequence, "note " + sequence);
    }

    static List<DomainEventMessage<?>> notesFor(String client, long firstSequence, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(noteFor(client, firstSequence + i));
        }
        return events;
    }

    static String newClient() {
        return "client-" + UUID.randomUUID();
    }
}
