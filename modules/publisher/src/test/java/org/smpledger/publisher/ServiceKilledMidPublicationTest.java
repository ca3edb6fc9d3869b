package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;

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
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(3)
                .withBatchSize(40);
        InMemoryEventStorageEngine storage = new InOrderInMemoryStorage();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        EmbeddedEventStore commands =
                EmbeddedEventStore.builder().storageEngine(storage).build();
        ClinicDay day = new ClinicDay();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>(day.next(600, 30));
        commands.publish(stored);

        DyingProducers firstLife = new DyingProducers(250);
        PublishingService service = PublishingService.start(storage, tokens, settings, firstLife);
        assertThat(firstLife.died.await(30, TimeUnit.SECONDS))
                .as("first life reached its kill point")
                .isTrue();
        List<DomainEventMessage<SmpEvent>> whileDown = day.next(100, 30);
        commands.publish(whileDown);
        stored.addAll(whileDown);
        service.close();
        assertThat(service.monitor().publishedEvents()).isLessThan(250);

        try (PublishingService restarted = PublishingService.start(storage, tokens, settings);
                TopicReader reader = new TopicReader(
                        settings.bootstrapServers(), settings.topics().all().values())) {
            List<DomainEventMessage<SmpEvent>> afterRestart = day.next(100, 30);
            restarted.eventStore().publish(afterRestart);
            stored.addAll(afterRestart);
            reader.readAtLeast(stored.size(), Duration.ofSeconds(60));
            int duplicates =
                    DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, reader.drain(Duration.ofMillis(500)));
            assertThat(duplicates)
                    .as("the acknowledged part of the interrupted batch is published again")
                    .isGreaterThanOrEqualTo(firstLife.acknowledgedInKilledBatch.get());
            assertThat(firstLife.acknowledgedInKilledBatch.get()).isPositive();
        }
    }
}
