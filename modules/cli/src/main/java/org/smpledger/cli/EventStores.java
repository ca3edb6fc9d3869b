package org.smpledger.cli;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * The service's own event store engine on a store, read-only (it creates no index): the same reads,
 * deserialization and messages the service's processors and aggregates see.
 */
public final class EventStores {

    private EventStores() {}

    public static MongoCommitStorageEngine reading(Store store) {
        JsonEventSerializer serializer = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
        return MongoCommitStorageEngine.builder()
                .database(store.database())
                .commitCollection(store.commitCollectionName())
                .createIndexes(false)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }
}
