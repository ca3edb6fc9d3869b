package org.smpledger.app.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** {@code smp.projections.*}: how the projection processors run. */
@ConfigurationProperties("smp.projections")
public record ProjectionsProperties(@DefaultValue("500") int batchSize,
                                    @DefaultValue("100ms") Duration replayCheckInterval,
                                    @DefaultValue("5s") Duration replayProgressLogInterval) {
}
