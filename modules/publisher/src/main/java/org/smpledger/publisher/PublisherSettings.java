package org.smpledger.publisher;

import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How the publisher reaches Kafka and paces itself.
 *
 * @param bootstrapServers  the Kafka cluster
 * @param processorName     the Axon streaming processor's name, which is also the name of its token
 * @param topics            the topic per stream type
 * @param partitions        partitions of a topic the publisher creates
 * @param replicationFactor replicas of a topic the publisher creates (1 for a single broker, 3 in production)
 * @param startFrom         where a first start (no token yet) begins
 * @param batchSize         events per processor batch: sent together, then all acknowledgements awaited
 * @param ackTimeout        how long a send may take before the batch fails and is retried from its token
 * @param maxErrorDuration  how long publication may keep failing before its health turns DOWN
 * @param producerOverrides further Kafka producer settings (e.g. {@code compression.type}); the delivery
 *                          guarantees ({@code acks}, idempotence, serializers) cannot be overridden
 */
public record PublisherSettings(
        String bootstrapServers,
        String processorName,
        TopicNames topics,
        int partitions,
        short replicationFactor,
        StartPoint startFrom,
        int batchSize,
        Duration ackTimeout,
        Duration maxErrorDuration,
        Map<String, String> producerOverrides) {

    public static final String DEFAULT_PROCESSOR_NAME = "kafka-publisher";

    public PublisherSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(processorName, "processorName");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(maxErrorDuration, "maxErrorDuration");
        producerOverrides = Map.copyOf(producerOverrides == null ? Map.of() : producerOverrides);
        if (partitions < 1 || replicationFactor < 1 || batchSize < 1) {
            throw new IllegalArgumentException("partitions, replication factor and batch size must be at least 1");
        }
        if (ackTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("ackTimeout must be at least 1 s, got " + ackTimeout);
        }
    }

    /** Defaults for one cluster: 6 partitions, replication 1, from the beginning, batches of 100, 30 s per send. */
    public static PublisherSettings defaults(String bootstrapServers) {
        return new PublisherSettings(
                bootstrapServers,
                DEFAULT_PROCESSOR_NAME,
                TopicNames.defaults(),
                6,
                (short) 1,
                StartPoint.BEGINNING,
                100,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Map.of());
    }

    public PublisherSettings withTopics(TopicNames topics) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                topics,
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producerOverrides);
    }

    public PublisherSettings withStartFrom(StartPoint startFrom) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                topics,
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producerOverrides);
    }

    public PublisherSettings withBatchSize(int batchSize) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                topics,
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producerOverrides);
    }

    public PublisherSettings withAckTimeout(Duration ackTimeout) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                topics,
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producerOverrides);
    }

    public PublisherSettings withPartitions(int partitions) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                topics,
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producerOverrides);
    }

    /**
     * The producer configuration: idempotent, {@code acks=all}, one request in flight, no linger
     * (the processor waits for every batch's acknowledgements, so lingering would only add latency),
     * sends timing out after {@link #ackTimeout}.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(producerOverrides);
        int timeoutMs = (int) ackTimeout.toMillis();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, processorName);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: with more, a first batch refused by a partition that has no leader
        // yet (a new topic) can be overtaken by the next one, which the broker accepts as the first
        // write of this producer: order broken. Seen on the embedded broker; see docs/architecture.md.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        int lingerMs = Integer.parseInt(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG)));
        int requestTimeoutMs = Math.min(timeoutMs, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, requestTimeoutMs + lingerMs));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        return config;
    }
}
