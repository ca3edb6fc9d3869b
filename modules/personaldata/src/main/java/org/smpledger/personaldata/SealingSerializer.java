package org.smpledger.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.contract.MarkedValues;

/**
 * The event store's serializer: the service's {@link JsonEventSerializer}, except that every
 * personal value of a client's event (each field the contract marks personal, each personal entry of a
 * correction's changes) is stored sealed with that client's key ({@link FieldCipher}). Reading is the
 * JSON serializer's, which leaves personal values out: opening them is {@link PersonalDataReader}'s.
 */
public final class SealingSerializer implements Serializer {

    private final JsonEventSerializer json;
    private final ObjectMapper mapper;
    private final ClientKeys keys;

    public SealingSerializer(JsonEventSerializer json, ClientKeys keys) {
        this.json = json;
        this.mapper = json.getObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof TreatmentRecordEvent event)
                || !EventCatalog.describe(event).mayHoldPersonalData()) {
            return json.serialize(object, expectedRepresentation);
        }
        JsonNode payload = mapper.valueToTree(event);
        AtomicBoolean sealedAny = new AtomicBoolean();
        SecretKey[] key = new SecretKey[1];
        MarkedValues.visit(event.getClass(), payload, (holder, field, place, marks) -> {
            if (!marks.personal()) {
                return;
            }
            if (key[0] == null) {
                key[0] = keys.forWriting(
                        event.clientId(), event instanceof ClientRegistered registered ? registered.clinicId() : null);
            }
            byte[] plain = bytes(holder.get(field));
            holder.set(
                    field,
                    SealedValues.envelope(FieldCipher.seal(
                            key[0], plain, SealedValues.place(event.clientId(), event.getClass(), place))));
            sealedAny.set(true);
        });
        if (!sealedAny.get()) {
            return json.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> sealed =
                new SimpleSerializedObject<>(bytes(payload), byte[].class, json.typeForClass(event.getClass()));
        return json.getConverter().convert(sealed, expectedRepresentation);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return json.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return json.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return json.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return json.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return json.getConverter();
    }
}
