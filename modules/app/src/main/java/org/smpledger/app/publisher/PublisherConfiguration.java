package org.smpledger.app.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.smpledger.app.runtime.ServiceEndpoint;
import org.smpledger.processing.EventProcessors;
import org.smpledger.publisher.KafkaPublication;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Wires the Kafka publication: its tracking processor {@code kafka-publisher} (own token, in the
 * application's token store, registered with the service's {@link EventProcessors}), the
 * {@code smp.publisher.*} metrics and the health component
 * {@code kafkaPublisher}. Off with {@code smp.publisher.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "smp.publisher", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PublisherConfiguration {

    @Bean(destroyMethod = "close")
    KafkaPublication kafkaPublication(
            PublisherProperties properties,
            @Qualifier("kafkaEndpoint") ServiceEndpoint kafka,
            EventProcessors processors,
            ObjectMapper json,
            Clock clock) {
        KafkaPublication publication = new KafkaPublication(properties.settings(kafka.address()), json, clock);
        publication.registerWith(processors);
        return publication;
    }

    @Bean
    MeterBinder kafkaPublisherMetrics(KafkaPublication publication) {
        return publication.monitor();
    }

    @Bean("kafkaPublisherHealthIndicator")
    KafkaPublisherHealthIndicator kafkaPublisherHealthIndicator(KafkaPublication publication) {
        return new KafkaPublisherHealthIndicator(publication);
    }

    @EventListener(ApplicationStartedEvent.class)
    void createTopics(ApplicationStartedEvent started) {
        KafkaPublication publication = started.getApplicationContext().getBean(KafkaPublication.class);
        publication.provisionTopics(Duration.ofSeconds(5));
    }
}
