package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;

/**
 * Delivery on the storage production uses: events in {@code MongoCommitStorageEngine}, the
 * publisher's token in axon-mongo's {@code MongoTokenStore}, both on the test MongoDB.
 */
class PublicationOnMongoStorageTest {

    private final MongoStorage storage = MongoStorage.fresh("publication");
    private final ClinicDay day = new ClinicDay();

    @AfterEach
    void dropDatabase() {
        storage.drop();
        storage.close();
    }

    private static PublisherSettings freshSettings(int batchSize) {
        return PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(3)
                .withBatchSize(batchSize);
    }

    @Test
    void aBusyDayStoredInMongoArrivesOnceInEachClientsOrderCarryingItsStorePosition() {
        PublisherSettings settings = freshSettings(50);
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>(day.next(200, 25));
        EmbeddedEventStore.builder().storageEngine(storage.engine()).build().publish(stored);

        try (PublishingService service = PublishingService.start(storage.engine(), storage.tokens(), settings);
                TopicReader reader = new TopicReader(
                        settings.bootstrapServers(), settings.topics().all().values())) {
            for (int round = 0; round < 10; round++) {
                // as commands store them: mostly one event per commit, now and then several
                List<DomainEventMessage<SmpEvent>> load = day.next(60, 25);
                for (int i = 0; i < load.size(); i += (i % 7 == 0 ? 3 : 1)) {
                    service.eventStore().publish(load.subList(i, Math.min(load.size(), i + (i % 7 == 0 ? 3 : 1))));
                }
                stored.addAll(load);
            }
            reader.readAtLeast(stored.size(), Duration.ofSeconds(30));
            List<ConsumerRecord<String, CloudEvent>> received = reader.drain(Duration.ofMillis(300));
            assertThat(received)
                    .as(() -> "publication " + service.monitor().status())
                    .hasSizeGreaterThanOrEqualTo(stored.size());
            DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, received);

            Map<String, Long> positionById = new HashMap<>();
            try (var all = storage.engine().readEvents(storage.engine().createTailToken(), false)) {
                all.forEach(e -> positionById.put(
                        e.getIdentifier(), e.trackingToken().position().orElseThrow()));
            }
            assertThat(positionById.values())
                    .as("dense store positions")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, stored.size())
                            .boxed()
                            .toList());
            for (ConsumerRecord<String, CloudEvent> record : received) {
                assertThat(record.value().getExtension(CloudEventMapper.GLOBAL_POSITION))
                        .as("globalposition of %s", record.value().getId())
                        .isEqualTo(Long.toString(positionById.get(record.value().getId())));
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(storage.storedToken(settings.processorName())
                                    .orElseThrow()
                                    .position())
                            .isEqualTo(stored.size()));
        }
    }

    @Test
    void aServiceStoppedInTheMiddleOfABatchRepublishesItAfterARestartAndLosesNothing() throws Exception {
        PublisherSettings settings = freshSettings(40);
        EmbeddedEventStore commands =
                EmbeddedEventStore.builder().storageEngine(storage.engine()).build();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>(day.next(600, 30));
        commands.publish(stored);

        DyingProducers firstLife = new DyingProducers(250);
        PublishingService service = PublishingService.start(storage.engine(), storage.tokens(), settings, firstLife);
        assertThat(firstLife.died.await(30, TimeUnit.SECONDS))
                .as("first life reached its kill point")
                .isTrue();
        List<DomainEventMessage<SmpEvent>> whileDown = day.next(100, 30);
        commands.publish(whileDown);
        stored.addAll(whileDown);
        service.close();
        long tokenAtStop =
                storage.storedToken(settings.processorName()).orElseThrow().position();
        assertThat(tokenAtStop)
                .as("the token stays before the interrupted batch")
                .isLessThan(250);

        try (MongoStorage restartedStorage = storage.reconnected();
                PublishingService restarted =
                        PublishingService.start(restartedStorage.engine(), restartedStorage.tokens(), settings);
                TopicReader reader = new TopicReader(
                        settings.bootstrapServers(), settings.topics().all().values())) {
            List<DomainEventMessage<SmpEvent>> afterRestart = day.next(100, 30);
            restarted.eventStore().publish(afterRestart);
            stored.addAll(afterRestart);
            reader.readAtLeast(stored.size(), Duration.ofSeconds(60));
            List<ConsumerRecord<String, CloudEvent>> received = reader.drain(Duration.ofMillis(500));
            int duplicates = DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, received);
            assertThat(firstLife.acknowledgedInKilledBatch.get()).isPositive();
            Set<String> republished = new HashSet<>();
            Set<String> seen = new HashSet<>();
            received.forEach(r -> {
                if (!seen.add(r.value().getId())) {
                    republished.add(r.value()
                            .getExtension(CloudEventMapper.GLOBAL_POSITION)
                            .toString());
                }
            });
            assertThat(duplicates)
                    .as("exactly what was sent after the stored token is published again")
                    .isEqualTo(firstLife.sent() - tokenAtStop);
            assertThat(republished.stream().mapToLong(Long::parseLong).min().orElseThrow())
                    .isEqualTo(tokenAtStop + 1);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(storage.storedToken(settings.processorName())
                                    .orElseThrow()
                                    .position())
                            .isEqualTo(stored.size()));
        }
    }
}
