package org.smpledger.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.smpledger.events.SmpEvent;
import org.smpledger.serialization.contract.MarkedValues;

/**
 * Opens the personal values of a stored payload, for the few readers whose role may see them. A
 * sealed value is opened with the client's key; once the key is destroyed, every personal value of the
 * client, sealed or (stored before encryption) plain, reads as absent. A value that does not
 * authenticate fails the whole read ({@link PersonalDataUnreadable}): it is never shown as anything.
 */
public final class PersonalDataReader {

    /** A payload with its personal values opened, or, for an erased client, left out. */
    public record Opened(JsonNode payload, boolean erased) {}

    private final ClientKeys keys;
    private final ObjectMapper mapper;

    public PersonalDataReader(ClientKeys keys, ObjectMapper mapper) {
        this.keys = keys;
        this.mapper = mapper;
    }

    public Opened open(String clientId, Class<? extends SmpEvent> type, byte[] storedPayload) {
        JsonNode payload;
        try {
            payload = mapper.readTree(storedPayload);
        } catch (IOException e) {
            throw new PersonalDataUnreadable("a stored payload is not JSON");
        }
        ClientKeys.KeyState state = keys.stateOf(clientId);
        boolean erased = state instanceof ClientKeys.Erased;
        MarkedValues.visit(type, payload, (holder, field, place, marks) -> {
            if (!marks.personal()) {
                return;
            }
            byte[] sealed = SealedValues.sealedIn(holder.get(field));
            if (erased) {
                holder.remove(field);
            } else if (sealed != null) {
                if (!(state instanceof ClientKeys.Active active)) {
                    throw new PersonalDataUnreadable("a sealed value of a client without a key");
                }
                byte[] plain = FieldCipher.open(active.key(), sealed, SealedValues.place(clientId, type, place));
                try {
                    holder.set(field, mapper.readTree(plain));
                } catch (IOException e) {
                    throw new PersonalDataUnreadable("an opened value is not JSON");
                }
            }
        });
        return new Opened(payload, erased);
    }

    /** The event with its personal values opened. */
    public <E extends SmpEvent> E openEvent(String clientId, Class<E> type, byte[] storedPayload) {
        try {
            return mapper.treeToValue(open(clientId, type, storedPayload).payload(), type);
        } catch (IOException e) {
            throw new PersonalDataUnreadable("an opened payload does not read as " + type.getSimpleName());
        }
    }
}
