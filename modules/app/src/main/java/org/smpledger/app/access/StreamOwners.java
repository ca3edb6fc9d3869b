package org.smpledger.app.access;

import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.accesslog.RecordOwners;
import org.smpledger.projections.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The clinic a client's or a lot's stream belongs to, from its first event in the event store (an
 * exact-key read): what the access log writer asks when a request named a record the caller's
 * clinic does not have.
 */
final class StreamOwners implements RecordOwners {

    private final ObjectProvider<EventStore> eventStore;

    StreamOwners(ObjectProvider<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<String> clinicOf(String kind, String id) {
        EventStore store = eventStore.getIfAvailable();
        if (store == null) {
            return Optional.empty();
        }
        DomainEventStream stream = store.readEvents(id);
        return stream.hasNext()
                ? Optional.ofNullable(AuditTrail.ownerOf(stream.next().getPayload()))
                : Optional.empty();
    }
}
