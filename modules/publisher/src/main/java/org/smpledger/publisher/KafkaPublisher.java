package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.events.SmpEvent;
import org.smpledger.processing.EventBatchHandler;

/**
 * The publisher's batch handler. It sends every event of a processor batch without waiting; when
 * the batch is finished (which {@link org.smpledger.processing.EventProcessors} does right before
 * the processor stores the batch's token) it waits until the broker acknowledged them all. A failed
 * or timed-out send fails the batch, so the token stays where it was and the processor retries the
 * batch with back-off.
 * <p>
 * After a failure the producer is closed and a new one is made for the retry, so no state of a
 * broken connection (or records still queued from the failed batch) is carried into the retry.
 */
final class KafkaPublisher implements EventBatchHandler<KafkaPublisher.Batch> {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final PublisherSettings settings;
    private final CloudEventMapper mapper;
    private final TopicProvisioning topics;
    private final Function<Map<String, Object>, Producer<String, CloudEvent>> producers;
    private final PublicationMonitor monitor;
    private final Object producerLock = new Object();
    private Producer<String, CloudEvent> producer;
    private volatile boolean topicsReady;

    KafkaPublisher(
            PublisherSettings settings,
            CloudEventMapper mapper,
            TopicProvisioning topics,
            Function<Map<String, Object>, Producer<String, CloudEvent>> producers,
            PublicationMonitor monitor) {
        this.settings = settings;
        this.mapper = mapper;
        this.topics = topics;
        this.producers = producers;
        this.monitor = monitor;
    }

    @Override
    public Batch begin(List<? extends EventMessage<?>> events) {
        Batch batch = new Batch();
        OptionalLong first = position(events.get(0));
        if (first.isPresent()) {
            batch.firstPosition = first.getAsLong();
            monitor.batchStarted(batch.firstPosition);
        }
        return batch;
    }

    @Override
    public void handle(EventMessage<?> message, Batch batch) {
        position(message).ifPresent(position -> batch.lastPosition = Math.max(batch.lastPosition, position));
        if (message.getPayload() instanceof SmpEvent) {
            if (!topicsReady) {
                topics.ensureTopics(settings.ackTimeout());
                topicsReady = true;
            }
            for (var record : mapper.toRecords(message)) {
                batch.sent.add(producer().send(record));
            }
        }
    }

    @Override
    public CompletionStage<?> finish(Batch batch) throws InterruptedException {
        batch.awaitAcknowledgements(settings.ackTimeout().plusSeconds(5));
        return EventBatchHandler.done();
    }

    @Override
    public void committed(Batch batch) {
        monitor.batchPublished(batch.sent.size(), batch.lastPosition);
    }

    @Override
    public void rolledBack(Batch batch, Throwable cause) {
        log.warn(
                "Publication of {} events (from position {}) failed; the processor will retry from its token",
                batch.sent.size(),
                batch.firstPosition);
        close(Duration.ZERO);
        monitor.failed(cause);
        monitor.batchFailed();
    }

    /** Closes the producer, waiting at most {@code timeout} for records still in flight. */
    void close(Duration timeout) {
        synchronized (producerLock) {
            if (producer != null) {
                producer.close(timeout);
                producer = null;
            }
        }
    }

    private Producer<String, CloudEvent> producer() {
        synchronized (producerLock) {
            if (producer == null) {
                producer = producers.apply(settings.producerConfig());
            }
            return producer;
        }
    }

    private static OptionalLong position(EventMessage<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position()
                : OptionalLong.empty();
    }

    /** The records of one processor batch sent so far, and the positions it covers. */
    static final class Batch {
        private final List<Future<RecordMetadata>> sent = new ArrayList<>();
        private long firstPosition = -1;
        private long lastPosition = -1;

        void awaitAcknowledgements(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> future : sent) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new PublicationFailedException("Kafka did not acknowledge an event within " + timeout, e);
                } catch (ExecutionException e) {
                    throw new PublicationFailedException(
                            "Kafka did not acknowledge an event: "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        }
    }

    /** The broker did not acknowledge a record of the batch; the batch will be retried. */
    static final class PublicationFailedException extends RuntimeException {
        PublicationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
