package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Producers of a service that dies at its {@code killAt}-th send (at least 5 sends into a batch):
 * what it sent so far is flushed to Kafka, then the producer is closed and every later send fails.
 */
final class DyingProducers implements Function<Map<String, Object>, Producer<String, CloudEvent>> {
    private final int killAt;
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicInteger handedToKafka = new AtomicInteger();
    private final AtomicBoolean dead = new AtomicBoolean();
    final AtomicInteger acknowledgedInKilledBatch = new AtomicInteger();
    final CountDownLatch died = new CountDownLatch(1);
    private Object currentBatch;
    private int sendsInBatch;

    DyingProducers(int killAt) {
        this.killAt = killAt;
    }

    /** Records sent before the death, all of them flushed to Kafka then. */
    int sent() {
        return handedToKafka.get();
    }

    @Override
    public Producer<String, CloudEvent> apply(Map<String, Object> config) {
        return new KafkaProducer<>(config) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record, Callback callback) {
                if (dead.get()) {
                    throw new KafkaException("the service is dead");
                }
                Object batch = CurrentUnitOfWork.get();
                if (batch != currentBatch) {
                    currentBatch = batch;
                    sendsInBatch = 0;
                }
                if (sends.incrementAndGet() >= killAt && sendsInBatch >= 5) {
                    flush();
                    acknowledgedInKilledBatch.set(sendsInBatch);
                    dead.set(true);
                    close(Duration.ZERO);
                    died.countDown();
                    throw new KafkaException("killed in the middle of a batch");
                }
                sendsInBatch++;
                handedToKafka.incrementAndGet();
                return super.send(record, callback);
            }
        };
    }
}
