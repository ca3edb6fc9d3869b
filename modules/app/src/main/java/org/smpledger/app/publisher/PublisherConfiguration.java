package org.smpledger.app.publisher;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.runtime.ServiceEndpoint;
import org.smpledger.publisher.KafkaPublication;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Duration;

/**
 * Wires the Kafka publication: its pooled streaming processor {@code kafka-publisher} (own token,
 * in the application's token store), the {@code smp.publisher.*} metrics and the health component
 * {@code kafkaPublisher}. Off with {@code smp.publisher.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "smp.publisher", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PublisherConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublisherConfiguration.class);

    @Bean(destroyMethod = "close")
    KafkaPublication kafkaPublication(PublisherProperties properties, @Qualifier("kafkaEndpoint") ServiceEndpoint kafka) {
        return new KafkaPublication(properties.settings(kafka.address()));
    }

    /**
     * Registers the processor with Axon, when the application has an event store to stream from
     * (an application with only a plain event bus has nothing to publish; the health component
     * then says so).
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(KafkaPublication publication, ListableBeanFactory beans) {
        return configurer -> {
            if (!hasEventStore(beans)) {
                log.warn("No Axon event store in this application: the Kafka publisher is not started");
                return;
            }
            configurer.eventProcessing(publication::registerWith);
        };
    }

    @Bean
    MeterBinder kafkaPublisherMetrics(KafkaPublication publication) {
        return publication.monitor();
    }

    @Bean("kafkaPublisherHealthIndicator")
    KafkaPublisherHealthIndicator kafkaPublisherHealthIndicator(KafkaPublication publication, ListableBeanFactory beans) {
        return new KafkaPublisherHealthIndicator(publication, hasEventStore(beans));
    }

    @EventListener(ApplicationStartedEvent.class)
    void createTopics(ApplicationStartedEvent started) {
        KafkaPublication publication = started.getApplicationContext().getBean(KafkaPublication.class);
        publication.provisionTopics(Duration.ofSeconds(5));
    }

    private static boolean hasEventStore(ListableBeanFactory beans) {
        return beans.getBeanNamesForType(EventStore.class, true, false).length > 0;
    }
}
