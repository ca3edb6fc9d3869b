package org.smpledger.app.domain;

import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.smpledger.domain.clinic.ClinicRuleBook;
import org.smpledger.domain.lot.PigmentLot;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.domain.policy.ClinicPolicies;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.treatment.TreatmentRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the domain into Axon: the event-sourced aggregates (client records, lots, clinic rule
 * books), the deployment's policy from {@code smp.policy.*}, each clinic's policy in force and the
 * lot look-up (both from their own streams), the event metadata, and the command gateway with its retries
 * ({@code smp.commands.*}).
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
    ClinicPolicyStreams clinicPolicyStreams(ObjectProvider<EventStore> eventStore, ClinicPolicy deploymentDefault) {
        return new ClinicPolicyStreams(eventStore::getObject, deploymentDefault);
    }

    /** Each clinic's policy in force at an instant, from its own stream; the deployment's before any. */
    @Bean
    ClinicPolicies clinicPolicies(ClinicPolicyStreams streams, ClinicPolicy deploymentDefault) {
        return ClinicPolicies.fromStreams(streams::stream, deploymentDefault);
    }

    @Bean
    CorrelationDataProvider requestMetaDataProvider(Clock clock) {
        return new RequestMetaDataProvider(clock);
    }

    @Bean(destroyMethod = "close")
    ConflictRetries conflictRetries(CommandProperties properties) {
        return new ConflictRetries(properties.conflictRetries(), properties.firstRetryAfter());
    }

    /** Axon's gateway, sending a command again when its append met another writer's ({@link ConflictRetries}). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConflictRetries retries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retries)
                .build();
    }

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(TreatmentRecord.class)
                .configureAggregate(PigmentLot.class)
                .configureAggregate(ClinicRuleBook.class);
    }
}
