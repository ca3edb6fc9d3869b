package org.smpledger.app.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Where the event store keeps commits, snapshots and processor tokens (collections of the service's database). */
@ConfigurationProperties(prefix = "smp.eventstore")
public record EventStoreProperties(
        @DefaultValue("event_commits") String commitCollection,
        @DefaultValue("event_snapshots") String snapshotCollection,
        @DefaultValue("tracking_tokens") String tokenCollection,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1000") int trackingBatchSize,
        @DefaultValue("true") boolean readAhead,
        @DefaultValue("true") boolean groupCommit,
        @DefaultValue("128") int maxGroupCommits,
        @DefaultValue("4MB") DataSize maxGroupBytes,
        @DefaultValue("20ms") Duration pollInterval) {}
