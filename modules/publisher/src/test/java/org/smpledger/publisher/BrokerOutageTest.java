package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.embedded.EmbeddedKafkaBroker;
import org.smpledger.embedded.LoopbackPorts;
import org.smpledger.events.SmpEvent;

/**
 * Kafka goes away in the middle of a load and comes back on the same address: events keep being
 * stored meanwhile, publication reports it is retrying, then catches up on its own, losing nothing.
 */
class BrokerOutageTest {

    private static final String HOST = "127.0.0.1";

    @TempDir
    Path kafkaData;

    @Test
    void eventsStoredWhileKafkaIsDownArePublishedOnceItIsBack() throws Exception {
        int brokerPort = LoopbackPorts.resolve(HOST, 0);
        int controllerPort = LoopbackPorts.resolve(HOST, 0);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaData, HOST, brokerPort, controllerPort);
        PublisherSettings settings = PublisherSettings.defaults(broker.bootstrapServers())
                .withPartitions(2)
                .withBatchSize(25)
                .withAckTimeout(Duration.ofSeconds(2));
        InMemoryEventStorageEngine storage = new InOrderInMemoryStorage();
        ClinicDay day = new ClinicDay();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>();
        try (PublishingService service = PublishingService.start(storage, new InMemoryTokenStore(), settings)) {
            append(service, day.next(200, 20), stored);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.monitor().publishedEvents() >= 200);

            broker.close();
            long appendStarted = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                append(service, day.next(30, 20), stored);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - appendStarted))
                    .as("storing is not held up by Kafka")
                    .isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PublicationStatus status = service.monitor().status();
                assertThat(status.state()).isEqualTo(PublicationStatus.State.RETRYING);
                assertThat(status.healthy())
                        .as("a short outage is not unhealthy")
                        .isTrue();
                assertThat(status.lag()).isPresent();
                assertThat(status.lag().getAsLong()).isPositive();
            });

            broker = EmbeddedKafkaBroker.start(kafkaData, HOST, brokerPort, controllerPort);
            append(service, day.next(50, 20), stored);
            try (TopicReader reader = new TopicReader(
                    broker.bootstrapServers(), settings.topics().all().values())) {
                reader.readAtLeast(stored.size(), Duration.ofSeconds(120));
                DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, reader.drain(Duration.ofMillis(500)));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> service.monitor().status().state() == PublicationStatus.State.CAUGHT_UP);
        } finally {
            broker.close();
        }
    }

    private static void append(
            PublishingService service,
            List<DomainEventMessage<SmpEvent>> events,
            List<DomainEventMessage<SmpEvent>> stored) {
        service.eventStore().publish(events);
        stored.addAll(events);
    }
}
