package org.smpledger.projections;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.lot.PigmentLotEvent;

/**
 * An event store holding what a clinic recorded, with the metadata the command API adds to every
 * event. Until the domain and its REST API land, tests drive courses at the event level through it.
 */
public final class RecordedEvents implements AutoCloseable {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final Map<String, Long> sequences = new HashMap<>();
    private final String clinicId;

    public RecordedEvents(String clinicId) {
        this.clinicId = clinicId;
    }

    public EmbeddedEventStore store() {
        return store;
    }

    /** Records the event as the service would at {@code recordedAt}; returns its event id. */
    public String record(SmpEvent event, Instant recordedAt, String actorId) {
        return record(event, recordedAt, actorId, clinicId);
    }

    public synchronized String record(SmpEvent event, Instant recordedAt, String actorId, String clinic) {
        String streamType = event instanceof PigmentLotEvent
                ? "PigmentLot"
                : event instanceof ClinicPolicyEvent ? "ClinicRuleBook" : "TreatmentRecord";
        long sequence = sequences.merge(event.streamId(), 1L, Long::sum) - 1;
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> metadata = Map.of(
                EventMetadata.CLINIC_ID,
                clinic,
                EventMetadata.ACTOR_ID,
                actorId,
                EventMetadata.ACTOR_ROLE,
                actorId.startsWith("reception") ? "receptionist" : "practitioner",
                EventMetadata.CORRELATION_ID,
                UUID.randomUUID().toString(),
                EventMetadata.RECORDED_AT,
                recordedAt.toString());
        store.publish(new GenericDomainEventMessage<>(
                streamType, event.streamId(), sequence, event, metadata, eventId, recordedAt));
        return eventId;
    }

    @Override
    public void close() {
        store.shutDown();
    }
}
