package org.smpledger.app.processing;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.smpledger.app.eventstore.EventStoreProperties;
import org.smpledger.processing.EventProcessors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's event processors (projections, their rebuilds, the Kafka publisher), all registered
 * through one {@link EventProcessors}. It is an Axon {@code ConfigurerModule}: Axon hands it the event
 * store, the token store and the message monitors (axon-micrometer), and starts and stops the
 * processors with its own lifecycle. Stored tokens are read from the token collection (positions and
 * owners as every instance sees them), and {@link ServiceInstances} shares the segments among the
 * instances on the same store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingProperties.class)
public class ProcessorsConfiguration {

    @Bean
    EventProcessors eventProcessors(MongoStoredTokens storedTokens) {
        EventProcessors processors = new EventProcessors();
        processors.useStoredTokens(storedTokens);
        return processors;
    }

    @Bean
    MongoStoredTokens storedTokens(MongoDatabase database, EventStoreProperties store, Serializer serializer) {
        return new MongoStoredTokens(database, store.tokenCollection(), serializer);
    }

    /** This instance's name in token claims and in {@code service_instances}. */
    @Bean
    String instanceId(ProcessingProperties properties) {
        return properties.instanceId().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                : properties.instanceId();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ServiceInstances serviceInstances(
            @Qualifier("instanceId") String instanceId,
            MongoDatabase database,
            EventProcessors processors,
            MongoStoredTokens storedTokens,
            ProcessingProperties properties,
            Clock clock) {
        return new ServiceInstances(instanceId, database, processors, storedTokens, properties, clock);
    }

    @Bean("coordinationHealthIndicator")
    CoordinationHealthIndicator coordinationHealthIndicator(ServiceInstances instances) {
        return new CoordinationHealthIndicator(instances);
    }

    /** {@code smp.processing.segments.held{processor}}: segments of each processor this instance holds. */
    @Bean
    MeterBinder heldSegmentsMetrics(EventProcessors processors) {
        return (MeterRegistry registry) -> Gauge.builder(
                        "smp.processing.segments.held",
                        processors,
                        p -> p.names().stream()
                                .mapToInt(name -> p.heldSegments(name).size())
                                .sum())
                .description("Processor segments (all processors) whose claims this instance holds")
                .register(registry);
    }
}
