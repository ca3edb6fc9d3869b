package org.smpledger.app.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.smpledger.personaldata.ClientKeys;
import org.smpledger.personaldata.SealingSerializer;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * One JSON configuration for the whole service ({@link ServiceJson}), applied to Spring's
 * {@link ObjectMapper}: that one mapper writes and reads the REST API, the stored events and
 * tokens (Axon's serializers below), the audit view and the Kafka payloads.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceJsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer serviceJson() {
        return builder -> builder.postConfigurer(ServiceJson::configure);
    }

    /** Snapshots, tokens and anything else Axon stores. */
    @Bean
    @Primary
    Serializer serializer(ObjectMapper json, RevisionResolver revisions) {
        return JsonEventSerializer.on(json, revisions);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(ObjectMapper json, RevisionResolver revisions) {
        return JsonEventSerializer.on(json, revisions);
    }

    /** Events: personal values sealed with the client's key on the way in, left out on the way back. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper json, RevisionResolver revisions, ClientKeys keys) {
        return new SealingSerializer(JsonEventSerializer.on(json, revisions), keys);
    }
}
