package org.smpledger.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.serialization.ServiceJson;

/**
 * The Kafka publication of the event store: one Axon tracking processor (named
 * {@link PublisherSettings#processorName()}, with its own token) whose batch handler sends every
 * event to its stream type's topic and moves the token only after Kafka acknowledged the batch.
 * <p>
 * Use: {@link #registerWith} on the application's {@link EventProcessors}; {@link #provisionTopics} at
 * start-up (optional: the handler creates missing topics before its first send anyway);
 * {@link #close} after the processor stopped.
 */
public final class KafkaPublication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublication.class);

    private final PublisherSettings settings;
    private final TopicProvisioning topics;
    private final PublicationMonitor monitor;
    private final KafkaPublisher publisher;

    /**
     * Payloads written with the service's JSON configuration ({@link ServiceJson}); {@code clock}
     * times the health figures (how long publication has been failing).
     */
    public KafkaPublication(PublisherSettings settings, Clock clock) {
        this(settings, ServiceJson.mapper(), KafkaProducer::new, clock);
    }

    /** Payloads written with {@code json}, the service's mapper (left unchanged). */
    public KafkaPublication(PublisherSettings settings, ObjectMapper json, Clock clock) {
        this(settings, json, KafkaProducer::new, clock);
    }

    /** With a producer factory of one's own (given the producer settings), e.g. to observe sends in a test. */
    public KafkaPublication(
            PublisherSettings settings,
            ObjectMapper json,
            Function<Map<String, Object>, Producer<String, CloudEvent>> producers,
            Clock clock) {
        this.settings = settings;
        this.topics = new TopicProvisioning(settings);
        this.monitor = new PublicationMonitor(settings.processorName(), settings.maxErrorDuration(), clock);
        this.publisher = new KafkaPublisher(
                settings,
                new CloudEventMapper(settings.topics(), new PublicPayloads(json)),
                topics,
                producers,
                monitor);
    }

    public PublisherSettings settings() {
        return settings;
    }

    public PublicationMonitor monitor() {
        return monitor;
    }

    /**
     * Registers the publisher's processor: a tracking processor (it waits on the event store's
     * stream, so an event is picked up as soon as it is stored) running the Kafka publisher as its
     * batch handler, from the tail or the head of the store on a first start. Its token moves only
     * after Kafka acknowledged every record of the batch; a failed batch is retried from the token,
     * with back-off growing to 60 s, for as long as the failure lasts.
     */
    public void registerWith(EventProcessors processors) {
        monitor.attach(processors);
        processors.register(ProcessorDefinition.of(settings.processorName(), publisher)
                .withBatchSize(settings.batchSize())
                .startingAt(this::initialToken));
    }

    /** Creates missing topics; returns false (and logs) instead of failing when Kafka cannot be reached. */
    public boolean provisionTopics(Duration timeout) {
        try {
            topics.ensureTopics(timeout);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Could not create Kafka topics at start-up ({}); the publisher retries before its first send",
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        publisher.close(Duration.ofSeconds(10));
    }

    private TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return settings.startFrom() == StartPoint.NOW ? source.createHeadToken() : source.createTailToken();
    }
}
