package org.smpledger.app.domain;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.smpledger.domain.lot.PigmentLot;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.treatment.TreatmentRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the domain into Axon: the two event-sourced aggregates, the clinic policy from
 * {@code smp.policy.*}, the lot look-up and the event metadata.
 */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

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
    ConfigurerModule aggregates() {
        return configurer ->
                configurer.configureAggregate(TreatmentRecord.class).configureAggregate(PigmentLot.class);
    }
}
