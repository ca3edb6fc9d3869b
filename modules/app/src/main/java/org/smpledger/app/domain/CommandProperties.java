package org.smpledger.app.domain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smp.commands.*}: how a command whose append met another writer's (another node, same
 * stream) is sent again.
 *
 * @param conflictRetries how often it is sent again (0: never); the conflict answers 409 after the last
 * @param firstRetryAfter the wait before the first retry, doubling for each further one
 */
@ConfigurationProperties("smp.commands")
public record CommandProperties(
        @DefaultValue("1") int conflictRetries,
        @DefaultValue("10ms") Duration firstRetryAfter) {

    public CommandProperties {
        if (conflictRetries < 0) {
            throw new IllegalArgumentException("smp.commands.conflict-retries must not be negative");
        }
        if (firstRetryAfter.toMillis() < 1) {
            throw new IllegalArgumentException("smp.commands.first-retry-after must be at least 1ms");
        }
    }
}
