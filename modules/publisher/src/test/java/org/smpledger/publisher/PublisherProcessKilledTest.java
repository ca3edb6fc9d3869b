package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.SmpEvent;

/**
 * The publishing service runs in a JVM of its own, with its events and token in MongoDB, and is
 * killed (SIGKILL, no shutdown hook, no claim released, producer state lost) in the middle of a
 * batch that Kafka has partly acknowledged. A successor on the same database takes over once the
 * dead process's token claim expires, publishes the interrupted batch again and carries on.
 */
class PublisherProcessKilledTest {

    private static final int BATCH_SIZE = 100;
    private static final int HANG_AFTER_SENDS = 150;

    @TempDir
    Path dir;

    @Test
    void aPublisherKilledMidBatchLosesNothingAndItsSuccessorRepublishesTheBatchWithTheSameIds() throws Exception {
        MongoStorage storage = MongoStorage.fresh("killed");
        PublisherSettings settings = PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(3)
                .withBatchSize(BATCH_SIZE);
        EmbeddedEventStore commands =
                EmbeddedEventStore.builder().storageEngine(storage.engine()).build();
        ClinicDay day = new ClinicDay();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<DomainEventMessage<SmpEvent>> commit = day.next(10, 30);
            commands.publish(commit);
            stored.addAll(commit);
        }

        Path output = dir.resolve("publisher.out");
        Process publisher = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PublishingProcess.class.getName(),
                        TestMongo.connectionString(),
                        storage.databaseName(),
                        settings.bootstrapServers(),
                        settings.topics().treatmentRecords(),
                        settings.topics().pigmentLots(),
                        Integer.toString(BATCH_SIZE),
                        Integer.toString(HANG_AFTER_SENDS),
                        settings.topics().clinicPolicies())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try (TopicReader reader = new TopicReader(
                settings.bootstrapServers(), settings.topics().all().values())) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> !publisher.isAlive() || read(output).contains("HANGING"));
            assertThat(publisher.isAlive())
                    .as(() -> "publisher process:\n" + read(output))
                    .isTrue();
            assertThat(reader.readAtLeast(HANG_AFTER_SENDS, Duration.ofSeconds(10)))
                    .hasSize(HANG_AFTER_SENDS);

            List<DomainEventMessage<SmpEvent>> whileHanging = day.next(100, 30);
            commands.publish(whileHanging);
            stored.addAll(whileHanging);
            publisher.destroyForcibly();
            assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();

            MongoStorage.StoredToken left =
                    storage.storedToken(settings.processorName()).orElseThrow();
            assertThat(left.owner())
                    .as("the killed process still holds the claim")
                    .startsWith(publisher.pid() + "@");
            assertThat(left.position())
                    .as("token of the last completed batch, before the one killed")
                    .isBetween((long) HANG_AFTER_SENDS - BATCH_SIZE, HANG_AFTER_SENDS - 1L);

            try (MongoStorage successorStorage = MongoStorage.on(TestMongo.connectionString(), storage.databaseName());
                    PublishingService successor =
                            PublishingService.start(successorStorage.engine(), successorStorage.tokens(), settings)) {
                List<DomainEventMessage<SmpEvent>> afterTakeOver = day.next(100, 30);
                successor.eventStore().publish(afterTakeOver);
                stored.addAll(afterTakeOver);
                long expectedDuplicates = HANG_AFTER_SENDS - left.position();
                reader.readAtLeast((int) (stored.size() + expectedDuplicates), Duration.ofSeconds(30));
                List<ConsumerRecord<String, CloudEvent>> received = reader.drain(Duration.ofMillis(500));
                int duplicates = DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, received);
                assertThat(duplicates)
                        .as("the acknowledged part of the killed batch, published again")
                        .isEqualTo(expectedDuplicates);
                assertThat(storage.storedToken(settings.processorName())
                                .orElseThrow()
                                .owner())
                        .doesNotStartWith(publisher.pid() + "@");
            }
        } finally {
            publisher.destroyForcibly();
            storage.drop();
            storage.close();
        }
    }

    private static String read(Path output) {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
