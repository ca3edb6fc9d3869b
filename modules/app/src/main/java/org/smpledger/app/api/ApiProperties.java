package org.smpledger.app.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code smp.api.*}: limits of the command API.
 *
 * @param maxClockSkew how far in the future an event time may lie, for a sender whose clock runs ahead of the server's
 * @param maxBodySize  the largest request body accepted; larger ones answer 413
 */
@ConfigurationProperties(prefix = "smp.api")
public record ApiProperties(
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("256KB") DataSize maxBodySize) {

    public ApiProperties {
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("smp.api.max-clock-skew must not be negative");
        }
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("smp.api.max-body-size must be positive");
        }
    }
}
