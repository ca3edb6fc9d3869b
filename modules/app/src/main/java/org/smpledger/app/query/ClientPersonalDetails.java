package org.smpledger.app.query;

import java.time.LocalDate;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;

/**
 * A client's personal details as they now stand: those of the registration, replaced by each
 * later correction. Read from the client's own stream (an exact-key read of the event store): the
 * read models hold no personal data.
 */
public final class ClientPersonalDetails {

    /** What the API answers; {@code clinicId} is the clinic the client is registered with. */
    public record OnRecord(
            String clientId,
            String clinicId,
            String fullName,
            LocalDate dateOfBirth,
            String email,
            String phone,
            long corrections) {}

    private final EventStore eventStore;

    public ClientPersonalDetails(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<OnRecord> of(String clientId) {
        DomainEventStream stream = eventStore.readEvents(clientId);
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof ClientRegistered registered)) {
            return Optional.empty();
        }
        PersonalDetails details = registered.personalDetails();
        long corrections = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ClientDetailsCorrected corrected) {
                details = corrected.personalDetails();
                corrections++;
            }
        }
        return Optional.of(new OnRecord(
                clientId,
                registered.clinicId(),
                details == null ? null : details.fullName(),
                details == null ? null : details.dateOfBirth(),
                details == null ? null : details.email(),
                details == null ? null : details.phone(),
                corrections));
    }
}
