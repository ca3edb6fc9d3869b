package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the beginning with the CloudEvents SDK's Kafka deserializer, as downstream would. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>();

    TopicReader(String bootstrapServers, Collection<String> topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        50,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted"),
                new StringDeserializer(),
                new CloudEventDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            partitionsOf(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Generous: a child JVM starting on a loaded machine creates the topics late. */
    private static final Duration CREATION_BOUND = Duration.ofSeconds(90);

    /**
     * The topic's partitions, once it exists: the publisher creates its topics while starting, and
     * Kafka answers an empty list (not an error) for a topic that does not exist yet.
     */
    private List<PartitionInfo> partitionsOf(String topic) {
        long deadline = System.nanoTime() + CREATION_BOUND.toNanos();
        List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        while (found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            found = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(
                    "topic " + topic + " was not created within " + CREATION_BOUND.toSeconds() + " s");
        }
        return found;
    }

    /** Polls until at least {@code count} records arrived or {@code timeout} passed; returns all received. */
    List<ConsumerRecord<String, CloudEvent>> readAtLeast(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        return List.copyOf(received);
    }

    /** Reads what else arrives within {@code quiet} (to see that nothing more than expected comes). */
    List<ConsumerRecord<String, CloudEvent>> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
