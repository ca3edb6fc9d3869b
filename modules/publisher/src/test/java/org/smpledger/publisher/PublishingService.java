package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.smpledger.processing.EventProcessors;
import org.smpledger.serialization.ServiceJson;

/**
 * One life of the publishing service in a test: an Axon configuration over a shared storage engine
 * and token store (which outlive it, as MongoDB would), with the publication registered.
 */
final class PublishingService implements AutoCloseable {

    private final Configuration axon;
    private final KafkaPublication publication;

    private PublishingService(Configuration axon, KafkaPublication publication) {
        this.axon = axon;
        this.publication = publication;
    }

    static PublishingService start(EventStorageEngine storage, TokenStore tokens, PublisherSettings settings) {
        return start(storage, tokens, settings, KafkaProducer::new);
    }

    /** With Axon's message monitors on {@code meters} (axon-micrometer, dimensional, as the app configures them). */
    static PublishingService start(
            EventStorageEngine storage, TokenStore tokens, PublisherSettings settings, MeterRegistry meters) {
        return start(storage, tokens, settings, KafkaProducer::new, meters);
    }

    static PublishingService start(
            EventStorageEngine storage,
            TokenStore tokens,
            PublisherSettings settings,
            Function<Map<String, Object>, Producer<String, CloudEvent>> producers) {
        return start(storage, tokens, settings, producers, null);
    }

    static PublishingService start(
            EventStorageEngine storage,
            TokenStore tokens,
            PublisherSettings settings,
            Function<Map<String, Object>, Producer<String, CloudEvent>> producers,
            MeterRegistry meters) {
        KafkaPublication publication =
                new KafkaPublication(settings, ServiceJson.mapper(), producers, Clock.systemUTC());
        EventProcessors processors = new EventProcessors();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(storage)
                        .fetchDelay(20)
                        .build())
                .registerComponent(TokenStore.class, c -> tokens);
        if (meters != null) {
            new GlobalMetricRegistry(meters).registerWithConfigurerWithDefaultTags(configurer);
        }
        processors.configureModule(configurer);
        publication.registerWith(processors);
        return new PublishingService(configurer.start(), publication);
    }

    EventStore eventStore() {
        return axon.eventStore();
    }

    PublicationMonitor monitor() {
        return publication.monitor();
    }

    @Override
    public void close() {
        axon.shutdown();
        publication.close();
    }
}
