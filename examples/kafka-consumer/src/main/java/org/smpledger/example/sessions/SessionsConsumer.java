package org.smpledger.example.sessions;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream service in one class: reads {@code smp.treatment-records.v1} from the beginning
 * (all partitions, no consumer group, no committed offsets: the model is rebuilt on every start)
 * and keeps {@link SessionsPerClinicDay} up to date.
 * <p>
 * Run: {@code java -cp ... org.smpledger.example.sessions.SessionsConsumer localhost:9092 [topic] [zone]}.
 */
public final class SessionsConsumer implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "smp.treatment-records.v1";

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final SessionsPerClinicDay model;

    public SessionsConsumer(String bootstrapServers, String topic, SessionsPerClinicDay model) {
        this.model = model;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "sessions-per-clinic-day",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        100),
                new StringDeserializer(),
                new CloudEventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException(
                    "topic " + topic + " does not exist (yet): smp-ledger creates it when it starts");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once and applies what arrived; returns the number of records read. */
    public int poll(Duration timeout) {
        int read = 0;
        for (ConsumerRecord<String, CloudEvent> record : consumer.poll(timeout)) {
            model.apply(record.value());
            read++;
        }
        return read;
    }

    public SessionsPerClinicDay model() {
        return model;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String topic = args.length > 1 ? args[1] : DEFAULT_TOPIC;
        ZoneId zone = args.length > 2 ? ZoneId.of(args[2]) : ZoneId.of("UTC");
        try (SessionsConsumer consumer = new SessionsConsumer(bootstrap, topic, new SessionsPerClinicDay(zone))) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer.consumer::wakeup));
            while (true) {
                if (consumer.poll(Duration.ofSeconds(1)) > 0) {
                    System.out.println("sessions completed per clinic per day: "
                            + consumer.model().all() + " (duplicates ignored: "
                            + consumer.model().duplicatesIgnored() + ")");
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            System.out.println("stopped");
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            System.err.println("sessions-consumer: " + e.getMessage());
            System.exit(2);
        }
    }
}
