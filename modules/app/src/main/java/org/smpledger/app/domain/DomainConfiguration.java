package org.smpledger.app.domain;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.domain.lot.PigmentLot;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.treatment.TreatmentRecord;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Wires the domain into Axon: the two aggregates (event sourced, so only when an event store is
 * configured), the clinic policy from {@code smp.policy.*}, the lot look-up and the event metadata.
 */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DomainConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ClinicPolicy clinicPolicy(PolicyProperties properties) {
        return properties.toClinicPolicy();
    }

    @Bean
    PigmentLots pigmentLots(ObjectProvider<EventStore> eventStore) {
        return new EventStorePigmentLots(eventStore::getObject);
    }

    @Bean
    CorrelationDataProvider requestMetaDataProvider(Clock clock) {
        return new RequestMetaDataProvider(clock);
    }

    @Bean
    ConfigurerModule aggregates(ListableBeanFactory beans) {
        return configurer -> {
            if (beans.getBeanNamesForType(EventStore.class, false, false).length == 0) {
                log.warn("No event store is configured: commands are refused until one is (see docs/architecture.md)");
                return;
            }
            configurer.configureAggregate(TreatmentRecord.class).configureAggregate(PigmentLot.class);
        };
    }
}
