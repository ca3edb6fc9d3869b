package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NetworkException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;

/**
 * A connection lost in the middle of a batch fails the whole batch, and the retry starts from the
 * token before it: the records from the failure on are published too. (A processor that stored its
 * token before handling the batch would skip them for good.)
 */
class PartlyFailedBatchTest {

    private final InMemoryEventStorageEngine storage = new InOrderInMemoryStorage();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final ClinicDay day = new ClinicDay();

    @Test
    void recordsAfterAFailedSendInTheSameBatchAreStillPublished() {
        PublisherSettings settings = PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(2)
                .withBatchSize(100);
        List<DomainEventMessage<SmpEvent>> stored = day.next(80, 8);
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(stored);

        AtomicInteger producersMade = new AtomicInteger();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Function<Map<String, Object>, Producer<String, CloudEvent>> connectionLostMidBatch = config -> {
            boolean first = producersMade.incrementAndGet() == 1;
            AtomicInteger sends = new AtomicInteger();
            return new KafkaProducer<>(config) {
                @Override
                public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record) {
                    if (first && sends.incrementAndGet() >= 30) {
                        failedOnce.set(true);
                        return CompletableFuture.failedFuture(new NetworkException("connection lost mid-batch (test)"));
                    }
                    return super.send(record);
                }
            };
        };

        try (PublishingService service = PublishingService.start(storage, tokens, settings, connectionLostMidBatch);
                TopicReader reader = readerOf(settings)) {
            // first producer: 29 records, then its connection is gone; the retry: the whole batch again
            reader.readAtLeast(stored.size() + 29, Duration.ofSeconds(40));
            assertThat(failedOnce).isTrue();
            int duplicates =
                    DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, reader.drain(Duration.ofMillis(500)));
            assertThat(duplicates).as("the retried batch was sent again").isPositive();
        }
    }

    private static TopicReader readerOf(PublisherSettings settings) {
        new KafkaPublication(settings, Clock.systemUTC()).provisionTopics(Duration.ofSeconds(20));
        return new TopicReader(
                settings.bootstrapServers(), settings.topics().all().values());
    }
}
