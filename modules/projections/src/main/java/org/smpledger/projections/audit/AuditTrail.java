package org.smpledger.projections.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.events.EventType;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.projections.Page;

/**
 * The stored events of one client, as auditors read them: type and revision, stream sequence,
 * global position (when the event store hands it out with the event), timestamp, every metadata
 * entry and the payload. Read straight from the event store by stream id (an exact-key read), not
 * from a projection, and only for the clinic the stream belongs to. Shows personal data
 * (registration and detail corrections) as stored: the API strips it for roles that may not see it.
 */
public final class AuditTrail {

    private final EventStore eventStore;
    private final ObjectMapper json;

    public AuditTrail(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    public record StoredEvent(
            String eventId,
            String type,
            String revision,
            long sequence,
            Long globalPosition,
            Instant timestamp,
            Map<String, Object> metadata,
            Object payload) {}

    /**
     * Empty when the stream holds no event, or belongs to another clinic than {@code clinicId}
     * (the clinic its first event, the registration or the lot's receipt, names).
     */
    public Optional<Page<StoredEvent>> events(String streamId, String clinicId, int page, int size) {
        List<StoredEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(streamId);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        if (clinicId == null || !clinicId.equals(ownerOf(first.getPayload()))) {
            return Optional.empty();
        }
        events.add(stored(first));
        while (stream.hasNext()) {
            events.add(stored(stream.next()));
        }
        return Optional.of(Page.of(events, page, size));
    }

    /** The clinic a stream belongs to, named by its first event; null for a stream that starts otherwise. */
    public static String ownerOf(Object firstPayload) {
        if (firstPayload instanceof ClientRegistered registered) {
            return registered.clinicId();
        }
        if (firstPayload instanceof PigmentLotReceived received) {
            return received.clinicId();
        }
        return null;
    }

    private StoredEvent stored(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        String type = message.getPayloadType().getSimpleName();
        String revision = null;
        if (payload instanceof SmpEvent event) {
            EventType eventType = SmpEvent.typeOf(event.getClass());
            type = eventType.name();
            revision = eventType.revision();
        }
        Long position = message instanceof TrackedEventMessage<?> tracked
                        && tracked.trackingToken() != null
                        && tracked.trackingToken().position().isPresent()
                ? tracked.trackingToken().position().getAsLong()
                : null;
        return new StoredEvent(
                message.getIdentifier(),
                type,
                revision,
                message.getSequenceNumber(),
                position,
                message.getTimestamp(),
                new TreeMap<>(message.getMetaData()),
                json.valueToTree(payload));
    }
}
