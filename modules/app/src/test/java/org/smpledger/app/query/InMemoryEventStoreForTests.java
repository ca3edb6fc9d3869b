package org.smpledger.app.query;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Until the MongoDB event store lands on main: an in-memory storage engine, for tests only. */
@TestConfiguration(proxyBeanMethods = false)
class InMemoryEventStoreForTests {

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }
}
