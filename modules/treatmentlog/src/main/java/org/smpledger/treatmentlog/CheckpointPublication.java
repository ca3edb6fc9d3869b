package org.smpledger.treatmentlog;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;

/**
 * Publishes the log's checkpoints to a Kafka topic so downstream services and third parties hold
 * copies: one CloudEvent per checkpoint (binary mode, type {@value #TYPE}, id
 * {@code <origin>/<size>}, data the signed note as text), key the log's origin, one partition (so
 * the topic is in signing order), kept forever. Sent from a thread of its own, in size order, each
 * acknowledged ({@code acks=all}, idempotent) before the next; a failed send is retried (1 s
 * doubling to 30 s). While Kafka is away at most {@link #MAX_UNSENT} checkpoints wait: beyond that
 * the oldest unsent ones are dropped (every later checkpoint covers them). {@link #republish} sends
 * one again (the latest at start-up: duplicates are harmless, a consumer keys copies by size).
 */
public final class CheckpointPublication implements Consumer<SignedCheckpoint>, AutoCloseable {

    public static final String TYPE = "org.smpledger.LogCheckpoint.v1";
    public static final URI SOURCE = URI.create("/verifiable-log");
    public static final String TREE_SIZE_EXTENSION = "treesize";
    static final int MAX_UNSENT = 1000;

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublication.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    /**
     * @param bootstrapServers  the Kafka cluster
     * @param topic             the checkpoint topic
     * @param replicationFactor replicas when the topic is created
     * @param ackTimeout        how long one send may take before it is retried
     */
    public record Settings(String bootstrapServers, String topic, short replicationFactor, Duration ackTimeout) {

        public static final String DEFAULT_TOPIC = "smp.log-checkpoints.v1";

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(ackTimeout, "ackTimeout");
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("a replication factor of at least 1");
            }
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService sender;
    private final TreeMap<Long, SignedCheckpoint> unsent = new TreeMap<>();
    private KafkaProducer<String, CloudEvent> producer;
    private Duration nextRetry = FIRST_RETRY;
    private boolean sending;
    private volatile long published = -1;
    private volatile String lastError;

    public CheckpointPublication(Settings settings) {
        this.settings = settings;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "checkpoint-publication");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a checkpoint for publication (the tree builder calls this as each one is stored). */
    @Override
    public void accept(SignedCheckpoint checkpoint) {
        synchronized (unsent) {
            unsent.put(checkpoint.checkpoint().size(), checkpoint);
            while (unsent.size() > MAX_UNSENT) {
                unsent.pollFirstEntry();
            }
            if (sending) {
                return;
            }
            sending = true;
        }
        sender.execute(this::sendAll);
    }

    /** Publishes a checkpoint again (e.g. the latest at start-up, in case its first send was lost). */
    public void republish(SignedCheckpoint checkpoint) {
        accept(checkpoint);
    }

    /** The size of the largest checkpoint Kafka acknowledged; empty before the first. */
    public OptionalLong publishedSize() {
        long size = published;
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    public String lastError() {
        return lastError;
    }

    /** Creates the topic if it is missing (one partition, kept forever); false when Kafka did not answer in time. */
    public boolean provisionTopic(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            NewTopic topic = new NewTopic(settings.topic(), 1, settings.replicationFactor())
                    .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created Kafka topic {} for the log's checkpoints", settings.topic());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            log.warn("Topic {} not created: {}", settings.topic(), e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            log.warn("Topic {} not created: Kafka did not answer within {}", settings.topic(), timeout);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The CloudEvent a checkpoint is published as. */
    public static CloudEvent event(SignedCheckpoint signed) {
        Checkpoint checkpoint = signed.checkpoint();
        return CloudEventBuilder.v1()
                .withId(checkpoint.origin() + "/" + checkpoint.size())
                .withSource(SOURCE)
                .withType(TYPE)
                .withSubject(checkpoint.origin())
                .withTime(checkpoint.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("text/plain; charset=utf-8")
                .withExtension(TREE_SIZE_EXTENSION, checkpoint.size())
                .withData(signed.text().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private void sendAll() {
        while (true) {
            SignedCheckpoint next;
            synchronized (unsent) {
                if (unsent.isEmpty()) {
                    sending = false;
                    return;
                }
                next = unsent.firstEntry().getValue();
            }
            try {
                send(next);
            } catch (Exception e) {
                lastError = e.toString();
                log.warn(
                        "Checkpoint {} not published to {} ({}); retrying in {}",
                        next.checkpoint().size(),
                        settings.topic(),
                        e.getMessage(),
                        nextRetry);
                closeProducer();
                Duration wait = nextRetry;
                nextRetry =
                        nextRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : nextRetry.multipliedBy(2);
                if (!sender.isShutdown()) {
                    sender.schedule(this::sendAll, wait.toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            nextRetry = FIRST_RETRY;
            lastError = null;
            published = Math.max(published, next.checkpoint().size());
            synchronized (unsent) {
                unsent.remove(next.checkpoint().size(), next);
            }
        }
    }

    private void send(SignedCheckpoint checkpoint) throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new CloudEventSerializer());
        }
        producer.send(new ProducerRecord<>(
                        settings.topic(), checkpoint.checkpoint().origin(), event(checkpoint)))
                .get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int timeout = (int) settings.ackTimeout().toMillis();
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeout, 30_000 + 1));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        return config;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Checkpoint producer not closed cleanly: {}", e.toString());
            }
            producer = null;
        }
    }

    /** Stops publishing; what is unsent stays in the store and the latest is published again at the next start. */
    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer();
    }
}
