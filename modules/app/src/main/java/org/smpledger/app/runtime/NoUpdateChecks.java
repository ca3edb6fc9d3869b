package org.smpledger.app.runtime;

import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon Framework's update checker reports anonymous usage to its vendor every so often (and logs a
 * stack trace whenever it cannot). A health-records service sends nothing anywhere but to its
 * configured MongoDB, Kafka and identity provider, so it is off: its auto-configuration is
 * excluded ({@code SmpLedgerApplication}; even a disabled checker writes a machine id into the
 * user's home), Axon's documented switch {@code axon.update-check.disabled=true} is set in
 * application.yml, and this provider answers "disabled" to any other part of Axon that asks,
 * whatever {@code axoniq.update-checker.disabled} / {@code AXONIQ_UPDATE_CHECKER_DISABLED} say.
 * {@code NoOutboundConnectionTest} runs the service in a network namespace to prove no packet leaves.
 */
@Configuration(proxyBeanMethods = false)
public class NoUpdateChecks {

    /** Primary: Axon's own {@code axon.update-check} properties bean is a provider too. */
    @Bean
    @Primary
    UsagePropertyProvider updateChecksOff() {
        return new UsagePropertyProvider() {
            @Override
            public Boolean getDisabled() {
                return true;
            }

            @Override
            public String getUrl() {
                return null;
            }

            @Override
            public int priority() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
