package org.smpledger.publisher;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;

/**
 * A scripted load: clients at a few clinics registering, consenting and coming back for sessions,
 * their events interleaved as a busy day would store them, plus pigment lots arriving.
 */
final class ClinicDay {

    static final Instant DAY = Instant.parse("2026-03-02T09:00:00Z");
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private int produced;

    /** The {@code index}-th event of the day, for client {@code index % clients}. */
    DomainEventMessage<SmpEvent> next(int clients) {
        int client = produced % clients;
        int visit = produced / clients;
        produced++;
        String clientId = "client-" + runId + "-" + client;
        String clinicId = "clinic-" + (client % 3);
        if (client == clients - 1 && visit % 4 == 0) {
            String lotId = "lot-" + runId + "-" + visit;
            return message(
                    "PigmentLot",
                    lotId,
                    clinicId,
                    new PigmentLotReceived(
                            lotId,
                            clinicId,
                            "Brand",
                            "Charcoal",
                            "B-" + visit,
                            LocalDate.of(2027, 1, 1),
                            true,
                            DAY,
                            "staff-1"));
        }
        Instant at = DAY.plusSeconds(60L * produced);
        SmpEvent event = switch (visit) {
            case 0 ->
                new ClientRegistered(
                        clientId,
                        clinicId,
                        new PersonalDetails(
                                "Jan Jansen " + client,
                                LocalDate.of(1980, 5, 17),
                                "jan" + client + "@example.org",
                                "+31 6 1234 " + client),
                        at);
            case 1 -> new ConsentSigned(clientId, "consent-" + client, at, "v3", "doc-" + client, "staff-2");
            default -> session(clientId, "session-" + client + "-" + visit, visit - 1, at);
        };
        return message("TreatmentRecord", clientId, clinicId, event);
    }

    List<DomainEventMessage<SmpEvent>> next(int count, int clients) {
        List<DomainEventMessage<SmpEvent>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next(clients));
        }
        return events;
    }

    static SessionCompleted session(String clientId, String sessionId, int number, Instant endedAt) {
        return new SessionCompleted(
                clientId,
                sessionId,
                1,
                number,
                endedAt.minusSeconds(7200),
                endedAt,
                "staff-1",
                List.of(new SessionCompleted.ZoneWork(
                        ScalpZone.HAIRLINE,
                        0.25,
                        null,
                        3,
                        0.25,
                        null,
                        List.of(new SessionCompleted.PigmentUse("lot-1", 20)),
                        null)),
                null,
                null,
                null);
    }

    private DomainEventMessage<SmpEvent> message(String streamType, String streamId, String clinicId, SmpEvent event) {
        long sequence = nextSequence.merge(streamId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(
                streamType,
                streamId,
                sequence,
                event,
                MetaData.with(EventMetadata.CLINIC_ID, clinicId)
                        .and(EventMetadata.CORRELATION_ID, "corr-" + streamId + "-" + sequence));
    }
}
