package org.smpledger.app.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code smp.verifiable-log.*}: the Merkle tree over the event store and its checkpoints (docs/verifiable-log.md). */
@ConfigurationProperties(prefix = "smp.verifiable-log")
public record VerifiableLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("localhost/smp-ledger") String origin,
        @DefaultValue("verifiable-log") String processorName,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("verifiable_log") String collectionPrefix,
        @DefaultValue Checkpoints checkpoints,
        @DefaultValue Key key,
        @DefaultValue Kafka kafka) {

    /** A checkpoint once the tree grew by {@code everyEvents}, or {@code every} after the last one if it grew at all. */
    public record Checkpoints(
            @DefaultValue("1000") long everyEvents,
            @DefaultValue("10s") Duration every) {}

    /**
     * The signing key: {@code privateKey} (PEM or base64 PKCS#8) wins, then a PKCS#12 {@code keystore}, then
     * the PEM {@code file} (default {@code <data-dir>/verifiable-log/checkpoint-key.pem}, created on first
     * start when {@code createIfMissing}).
     */
    public record Key(
            String privateKey,
            Path keystore,
            @DefaultValue("checkpoints") String keystoreAlias,
            String keystorePassword,
            Path file,
            @DefaultValue("true") boolean createIfMissing) {}

    /** Publication of every checkpoint to Kafka. */
    public record Kafka(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("smp.log-checkpoints.v1") String topic,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("30s") Duration ackTimeout) {}
}
