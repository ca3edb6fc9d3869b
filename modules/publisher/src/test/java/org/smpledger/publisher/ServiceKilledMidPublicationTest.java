package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service dies in the middle of a batch: part of the batch is acknowledged by Kafka, the rest
 * never sent, the token not moved. The restarted service (same event store, same token store)
 * publishes the whole batch again and carries on; downstream sees duplicates with the same ids
 * and loses nothing.
 */
class ServiceKilledMidPublicationTest {

    @Test
    void afterARestartNothingIsLostAndTheRepublishedEventsKeepTheirIds() throws Exception {
        PublisherSettings settings = PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(TestKafka.freshTopicName("treatment-records"), TestKafka.freshTopicName("pigment-lots")))
                .withPartitions(3)
                .withBatchSize(40);
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        EmbeddedEventStore commands = EmbeddedEventStore.builder().storageEngine(storage).build();
        ClinicDay day = new ClinicDay();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>(day.next(600, 30));
        commands.publish(stored);

        DyingProducers firstLife = new DyingProducers(250);
        PublishingService service = PublishingService.start(storage, tokens, settings, firstLife);
        assertThat(firstLife.died.await(30, TimeUnit.SECONDS)).as("first life reached its kill point").isTrue();
        List<DomainEventMessage<SmpEvent>> whileDown = day.next(100, 30);
        commands.publish(whileDown);
        stored.addAll(whileDown);
        service.close();
        assertThat(service.monitor().publishedEvents()).isLessThan(250);

        try (PublishingService restarted = PublishingService.start(storage, tokens, settings);
             TopicReader reader = new TopicReader(settings.bootstrapServers(), settings.topics().all().values())) {
            List<DomainEventMessage<SmpEvent>> afterRestart = day.next(100, 30);
            restarted.eventStore().publish(afterRestart);
            stored.addAll(afterRestart);
            reader.readAtLeast(stored.size(), Duration.ofSeconds(60));
            int duplicates = DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, reader.drain(Duration.ofMillis(500)));
            assertThat(duplicates).as("the acknowledged part of the interrupted batch is published again")
                    .isGreaterThanOrEqualTo(firstLife.acknowledgedInKilledBatch.get());
            assertThat(firstLife.acknowledgedInKilledBatch.get()).isPositive();
        }
    }

    /**
     * Producers of a service that dies at its {@code killAt}-th send (at least 5 sends into a batch):
     * what it sent so far is flushed to Kafka, then the producer is closed and every later send fails.
     */
    private static final class DyingProducers implements Function<Map<String, Object>, Producer<String, CloudEvent>> {
        private final int killAt;
        private final AtomicInteger sends = new AtomicInteger();
        private final AtomicBoolean dead = new AtomicBoolean();
        private final AtomicInteger acknowledgedInKilledBatch = new AtomicInteger();
        private final CountDownLatch died = new CountDownLatch(1);
        private Object currentBatch;
        private int sendsInBatch;

        DyingProducers(int killAt) {
            this.killAt = killAt;
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
                    return super.send(record, callback);
                }
            };
        }
    }
}
