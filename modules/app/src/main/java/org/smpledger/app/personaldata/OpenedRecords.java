package org.smpledger.app.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.smpledger.events.SmpEvent;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.personaldata.PersonalDataReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A client's stored events with their personal values opened, read from the stored bytes (one
 * exact-key read of the stream): for the API's answers to roles that may see personal data.
 */
@Component
public class OpenedRecords {

    /** One stored event, its payload opened (or, for an erased client, without its personal values). */
    public record Opened(String eventId, Class<? extends SmpEvent> type, JsonNode payload, boolean erased) {}

    private final MongoCommitStorageEngine engine;
    private final Serializer serializer;
    private final PersonalDataReader reader;

    OpenedRecords(
            MongoCommitStorageEngine engine,
            @Qualifier("eventSerializer") Serializer serializer,
            PersonalDataReader reader) {
        this.engine = engine;
        this.serializer = serializer;
        this.reader = reader;
    }

    /** The client's events by event id, in stream order. */
    @SuppressWarnings("unchecked")
    public Map<String, Opened> of(String clientId) {
        Map<String, Opened> opened = new LinkedHashMap<>();
        for (DomainEventData<?> stored : engine.storedEvents(clientId, 0)) {
            SerializedObject<?> payload = stored.getPayload();
            Class<?> type = serializer.classForType(payload.getType());
            if (!SmpEvent.class.isAssignableFrom(type)) {
                continue;
            }
            byte[] bytes =
                    serializer.getConverter().convert(payload, byte[].class).getData();
            PersonalDataReader.Opened open = reader.open(clientId, (Class<? extends SmpEvent>) type, bytes);
            opened.put(
                    stored.getEventIdentifier(),
                    new Opened(
                            stored.getEventIdentifier(),
                            (Class<? extends SmpEvent>) type,
                            open.payload(),
                            open.erased()));
        }
        return opened;
    }
}
