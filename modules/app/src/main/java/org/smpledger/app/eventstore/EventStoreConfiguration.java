package org.smpledger.app.eventstore;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.smpledger.app.processing.ProcessingProperties;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's storage on MongoDB: our {@link MongoCommitStorageEngine} for events and snapshots (in
 * Axon's {@code EmbeddedEventStore}, bean {@code eventBus}), and
 * axon-mongo's {@link MongoTokenStore} for processor tokens. axon-mongo's event store is not used.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    MongoCommitStorageEngine eventStorageEngine(
            MongoDatabase database,
            EventStoreProperties properties,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axonConfiguration) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .commitCollection(properties.commitCollection())
                .snapshotCollection(properties.snapshotCollection())
                .batchSize(properties.batchSize())
                .trackingBatchSize(properties.trackingBatchSize())
                .readAhead(properties.readAhead())
                .groupCommit(properties.groupCommit())
                .maxGroupCommits(properties.maxGroupCommits())
                .maxGroupBytes(Math.toIntExact(properties.maxGroupBytes().toBytes()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .build();
    }

    /**
     * Axon's event store over the engine, as Axon's auto-configuration would make it, except that its
     * reader polls the store every {@code smp.eventstore.poll-interval} while processors wait at the
     * head (Axon's default: 1 s). Events stored by this instance wake the processors at once; events
     * stored by another instance are only seen by polling, so this bounds how late a processor here
     * picks them up.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            EventStoreProperties properties,
            org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.pollInterval().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * {@code smp.eventstore.append.writes}: insert round trips of appends; {@code
     * smp.eventstore.append.position-clashes}: those that found their global position taken by another
     * instance and went again at the head (the cost of several writers on one store).
     */
    @Bean
    MeterBinder appendMetrics(MongoCommitStorageEngine engine) {
        return registry -> {
            FunctionCounter.builder("smp.eventstore.append.writes", engine, MongoCommitStorageEngine::appendWrites)
                    .description("insert round trips of appends (a group of commits each)")
                    .register(registry);
            FunctionCounter.builder(
                            "smp.eventstore.append.position-clashes", engine, MongoCommitStorageEngine::positionClashes)
                    .description("append round trips that found their global position taken by another writer")
                    .register(registry);
        };
    }

    /**
     * Tokens in MongoDB, claimed by this instance under its id; a claim not extended for
     * {@code smp.processing.claim-timeout} may be taken over by another instance.
     */
    @Bean
    TokenStore tokenStore(
            MongoDatabase database,
            EventStoreProperties properties,
            Serializer serializer,
            ProcessingProperties processing,
            @Qualifier("instanceId") String instanceId) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName(properties.tokenCollection())
                        .build())
                .serializer(serializer)
                .claimTimeout(processing.claimTimeout())
                .nodeId(instanceId)
                .build();
    }
}
