package org.smpledger.app.processing;

import org.smpledger.processing.EventProcessors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's event processors (projections, their rebuilds, the Kafka publisher), all registered
 * through one {@link EventProcessors}. It is an Axon {@code ConfigurerModule}: Axon hands it the event
 * store, the token store and the message monitors (axon-micrometer), and starts and stops the
 * processors with its own lifecycle.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorsConfiguration {

    @Bean
    EventProcessors eventProcessors() {
        return new EventProcessors();
    }
}
