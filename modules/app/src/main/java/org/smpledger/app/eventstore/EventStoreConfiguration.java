package org.smpledger.app.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's storage on MongoDB: our {@link MongoCommitStorageEngine} for events and snapshots (Axon's
 * Boot autoconfiguration wraps it in an {@code EmbeddedEventStore}, bean {@code eventBus}), and
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

    @Bean
    TokenStore tokenStore(MongoDatabase database, EventStoreProperties properties, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName(properties.tokenCollection())
                        .build())
                .serializer(serializer)
                .build();
    }
}
