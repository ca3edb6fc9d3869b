package org.smpledger.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.time.Instant;
import java.util.List;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;

/**
 * The JSON payload of a published event: the event as documented in docs/events.md, minus personal
 * data. {@link ClientRegistered} and {@link ClientDetailsCorrected} are published as their public
 * views below; any {@link PersonalDetails} anywhere else is dropped as well, so a field added to
 * the contract later cannot leak a name, birth date or contact onto a topic.
 */
public final class PublicPayloads {

    private final ObjectMapper json;

    /** Written with the service's JSON configuration ({@code json}, left unchanged), minus personal details. */
    public PublicPayloads(ObjectMapper json) {
        this.json = json.copy()
                .registerModule(new SimpleModule("smp-without-personal-details")
                        .setSerializerModifier(new WithoutPersonalDetails()));
    }

    /** What downstream learns of a registration: which client, at which clinic, when. */
    public record RegisteredClient(String clientId, String clinicId, Instant registeredAt) {}

    /** What downstream learns of a correction of personal details: that it happened. */
    public record CorrectedClientDetails(String clientId) {}

    public Object publicView(SmpEvent event) {
        if (event instanceof ClientRegistered registered) {
            return new RegisteredClient(registered.clientId(), registered.clinicId(), registered.registeredAt());
        }
        if (event instanceof ClientDetailsCorrected corrected) {
            return new CorrectedClientDetails(corrected.clientId());
        }
        return event;
    }

    public byte[] toJson(SmpEvent event) {
        try {
            return json.writeValueAsBytes(publicView(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class WithoutPersonalDetails extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(
                SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> properties) {
            properties.removeIf(property -> carriesPersonalDetails(property.getType()));
            return properties;
        }

        private static boolean carriesPersonalDetails(JavaType type) {
            if (PersonalDetails.class.isAssignableFrom(type.getRawClass())) {
                return true;
            }
            JavaType content = type.getContentType();
            return content != null && carriesPersonalDetails(content);
        }
    }
}
