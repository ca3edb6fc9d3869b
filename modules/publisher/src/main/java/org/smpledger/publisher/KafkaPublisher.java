package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.events.SmpEvent;

/**
 * The publisher's event handler. Within one processor batch it sends every event without waiting,
 * then, while handling the batch's last event, waits until the broker acknowledged them all. Only
 * then does the batch complete and Axon store the processor's token. Waiting any later (e.g. in the
 * unit of work's prepare-commit phase) would be too late: Axon's streaming processors store the
 * token in a prepare-commit handler registered before the batch is handled. A failed or timed-out send fails the
 * batch, so the token stays where it was and the processor retries the batch with back-off.
 * <p>
 * After a failure the producer is closed and a new one is made for the retry, so no state of a
 * broken connection (or records still queued from the failed batch) is carried into the retry.
 */
final class KafkaPublisher implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final PublisherSettings settings;
    private final CloudEventMapper mapper;
    private final TopicProvisioning topics;
    private final Function<Map<String, Object>, Producer<String, CloudEvent>> producers;
    private final PublicationMonitor monitor;
    private final String batchResource = "smp.publisher.batch." + System.identityHashCode(this);
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
    public Object handle(EventMessage<?> message) throws Exception {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        Batch batch = unitOfWork == null
                ? new Batch()
                : unitOfWork.getOrComputeResource(batchResource, k -> open(unitOfWork));
        try {
            batch.include(message);
            if (message.getPayload() instanceof SmpEvent) {
                if (!topicsReady) {
                    topics.ensureTopics(settings.ackTimeout());
                    topicsReady = true;
                }
                batch.sent.add(producer().send(mapper.toRecord(message)));
            }
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
                batch.awaitAcknowledgements(settings.ackTimeout().plusSeconds(5));
                if (unitOfWork == null) {
                    monitor.batchPublished(batch.sent.size(), batch.lastPosition);
                }
            }
            return null;
        } catch (Exception | Error e) {
            monitor.failed(e);
            if (unitOfWork == null) {
                monitor.batchFailed();
            }
            throw e;
        }
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

    private Batch open(UnitOfWork<?> unitOfWork) {
        Batch batch = new Batch();
        unitOfWork.afterCommit(u -> monitor.batchPublished(batch.sent.size(), batch.lastPosition));
        unitOfWork.onRollback(u -> {
            log.warn(
                    "Publication of {} events (from position {}) failed; the processor will retry from its token",
                    batch.sent.size(),
                    batch.firstPosition);
            close(Duration.ZERO);
            monitor.batchFailed();
        });
        return batch;
    }

    private Producer<String, CloudEvent> producer() {
        synchronized (producerLock) {
            if (producer == null) {
                producer = producers.apply(settings.producerConfig());
            }
            return producer;
        }
    }

    /** The records of one processor batch sent so far, and the positions it covers. */
    private final class Batch {
        private final List<Future<RecordMetadata>> sent = new ArrayList<>();
        private long firstPosition = -1;
        private long lastPosition = -1;

        void include(EventMessage<?> message) {
            if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                tracked.trackingToken().position().ifPresent(position -> {
                    if (firstPosition < 0) {
                        firstPosition = position;
                        monitor.batchStarted(position);
                    }
                    lastPosition = Math.max(lastPosition, position);
                });
            }
        }

        void awaitAcknowledgements(Duration timeout) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> future : sent) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
