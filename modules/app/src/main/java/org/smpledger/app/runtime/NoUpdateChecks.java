package org.smpledger.app.runtime;

import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon Framework's update checker reports anonymous usage to its vendor every so often (and logs a
 * stack trace whenever it cannot). A health-records service sends nothing anywhere but to its
 * configured MongoDB, Kafka and identity provider, so it is off: this provider answers "disabled"
 * in place of Axon's, which would also read {@code axoniq.update-checker.disabled} /
 * {@code AXONIQ_UPDATE_CHECKER_DISABLED} and write a properties file into the user's home.
 * {@code NoOutboundConnectionTest} runs the service in a network namespace to prove no packet leaves.
 */
@Configuration(proxyBeanMethods = false)
public class NoUpdateChecks {

    @Bean
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
