package org.smpledger.app.projections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code smp.projections.*}: how the projection processors run. */
@ConfigurationProperties("smp.projections")
public record ProjectionsProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("500ms") Duration replayCheckInterval,
        @DefaultValue("5s") Duration replayProgressLogInterval,
        @DefaultValue("1") int segments,
        @DefaultValue("10s") Duration retireAfter) {}
