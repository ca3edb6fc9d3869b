package org.smpledger.app.processing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances of the service share the event processors ({@code smp.processing.*}).
 *
 * @param claimTimeout      a segment whose claim was not extended for this long is taken over by another instance
 * @param heartbeatInterval how often an instance records that it is alive, counts the live ones and reads the tokens
 * @param releaseFor        a segment given up to another instance is not claimed again here for this long
 * @param instanceId        this instance's name in token claims and in {@code service_instances} (empty: pid@host-random)
 */
@ConfigurationProperties(prefix = "smp.processing")
public record ProcessingProperties(
        @DefaultValue("10s") Duration claimTimeout,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("5s") Duration releaseFor,
        @DefaultValue("") String instanceId) {

    public ProcessingProperties {
        if (claimTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException(
                    "smp.processing.claim-timeout must be at least 2s (a processor extends its claims every second)");
        }
    }
}
