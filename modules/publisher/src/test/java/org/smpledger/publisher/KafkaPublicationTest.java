package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.PersonalDetails;

class KafkaPublicationTest {

    private final InMemoryEventStorageEngine storage = new InOrderInMemoryStorage();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final ClinicDay day = new ClinicDay();

    private static PublisherSettings freshSettings() {
        return PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(3)
                .withBatchSize(50);
    }

    @Test
    void aBusyDayArrivesOnceAfterDedupInEachClientsOrderAsReadableCloudEvents() {
        PublisherSettings settings = freshSettings();
        List<DomainEventMessage<SmpEvent>> stored = new ArrayList<>();
        try (PublishingService service = PublishingService.start(storage, tokens, settings);
                TopicReader reader = readerOf(settings)) {
            for (int round = 0; round < 10; round++) {
                List<DomainEventMessage<SmpEvent>> load = day.next(60, 25);
                service.eventStore().publish(load);
                stored.addAll(load);
            }
            List<ConsumerRecord<String, CloudEvent>> received =
                    reader.readAtLeast(stored.size(), Duration.ofSeconds(30));
            assertThat(received)
                    .as(() -> "publication " + service.monitor().status())
                    .hasSizeGreaterThanOrEqualTo(stored.size());
            DeliveryAssertions.assertEveryEventOnceInStreamOrder(stored, reader.drain(Duration.ofMillis(300)));

            ConsumerRecord<String, CloudEvent> session = received.stream()
                    .filter(r -> r.value().getType().equals("org.smpledger.SessionCompleted.v1"))
                    .findFirst()
                    .orElseThrow();
            CloudEvent event = session.value();
            DomainEventMessage<SmpEvent> original = stored.stream()
                    .filter(m -> m.getIdentifier().equals(event.getId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(session.topic()).isEqualTo(settings.topics().treatmentRecords());
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getSubject()).isEqualTo(original.getAggregateIdentifier());
            assertThat(event.getSource())
                    .isEqualTo(URI.create("/clinics/" + original.getMetaData().get("clinicId")));
            assertThat(event.getTime().toInstant()).isEqualTo(original.getTimestamp());
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getExtension(CloudEventMapper.STREAM_SEQUENCE))
                    .isEqualTo(Long.toString(original.getSequenceNumber()));
            assertThat(event.getExtension(CloudEventMapper.GLOBAL_POSITION)).isNotNull();
            assertThat(event.getExtension(CloudEventMapper.CORRELATION_ID))
                    .isEqualTo(original.getMetaData().get("correlationId"));
            assertThat(received)
                    .anyMatch(r -> r.topic().equals(settings.topics().pigmentLots())
                            && r.value().getType().equals("org.smpledger.PigmentLotReceived.v1"));
        }
    }

    @Test
    void aFirstStartPublishesTheHistoryAlreadyStored() {
        PublisherSettings settings = freshSettings();
        List<DomainEventMessage<SmpEvent>> history = day.next(400, 40);
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(history);

        try (PublishingService service = PublishingService.start(storage, tokens, settings);
                TopicReader reader = readerOf(settings)) {
            assertThat(reader.readAtLeast(history.size(), Duration.ofSeconds(30)))
                    .as(() -> "publication " + service.monitor().status())
                    .hasSizeGreaterThanOrEqualTo(history.size());
            DeliveryAssertions.assertEveryEventOnceInStreamOrder(history, reader.drain(Duration.ofMillis(300)));
        }
    }

    @Test
    void startingFromNowLeavesTheHistoryUnpublished() {
        PublisherSettings settings = freshSettings().withStartFrom(StartPoint.NOW);
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(day.next(100, 10));

        try (PublishingService service = PublishingService.start(storage, tokens, settings);
                TopicReader reader = readerOf(settings)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !service.monitor().status().state().equals(PublicationStatus.State.STOPPED));
            List<DomainEventMessage<SmpEvent>> fresh = day.next(30, 10);
            service.eventStore().publish(fresh);
            reader.readAtLeast(fresh.size(), Duration.ofSeconds(20));
            DeliveryAssertions.assertEveryEventOnceInStreamOrder(fresh, reader.drain(Duration.ofMillis(500)));
        }
    }

    @Test
    void noNameBirthDateEmailOrPhoneEverReachesATopic() throws Exception {
        PublisherSettings settings = freshSettings();
        List<DomainEventMessage<SmpEvent>> registrations = day.next(25, 26);
        DomainEventMessage<SmpEvent> correction = new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "TreatmentRecord",
                registrations.get(0).getAggregateIdentifier(),
                1,
                new ClientDetailsCorrected(
                        registrations.get(0).getAggregateIdentifier(),
                        new PersonalDetails(
                                "Jan Jansen-Corrected",
                                LocalDate.of(1980, 5, 18),
                                "new@example.org",
                                "+31 6 9999 0000"),
                        "phone changed to +31 6 9999 0000"));
        try (PublishingService service = PublishingService.start(storage, tokens, settings)) {
            service.eventStore().publish(registrations);
            service.eventStore().publish(correction);
            await().atMost(Duration.ofSeconds(20)).until(() -> service.monitor().publishedEvents() == 26);
        }
        List<String> forbidden = List.of("Jan Jansen", "1980-05", "@example.org", "+31 6", "phone changed");
        try (KafkaConsumer<byte[], byte[]> raw = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = raw
                    .partitionsFor(settings.topics().treatmentRecords())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            raw.assign(partitions);
            raw.seekToBeginning(partitions);
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < 26 && System.nanoTime() < deadline) {
                for (var record : raw.poll(Duration.ofMillis(100))) {
                    StringBuilder everything = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
                    for (Header header : record.headers()) {
                        everything
                                .append('|')
                                .append(header.key())
                                .append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    seen.add(everything.toString());
                }
            }
            assertThat(seen).hasSize(26);
            for (String record : seen) {
                assertThat(record).doesNotContainIgnoringCase("personalDetails");
                forbidden.forEach(text -> assertThat(record).doesNotContain(text));
            }
            String registration = seen.stream()
                    .filter(r -> r.contains("ce_type=org.smpledger.ClientRegistered.v1"))
                    .findFirst()
                    .orElseThrow();
            JsonNode registered = new ObjectMapper().readTree(registration.substring(0, registration.indexOf('|')));
            assertThat(registered.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("clientId", "clinicId", "registeredAt");
        }
    }

    @Test
    void topicsAreCreatedWithTheConfiguredPartitionsAndCreatingThemAgainChangesNothing() throws Exception {
        PublisherSettings settings = freshSettings();
        KafkaPublication publication = new KafkaPublication(settings, Clock.systemUTC());
        assertThat(publication.provisionTopics(Duration.ofSeconds(20))).isTrue();
        assertThat(publication.provisionTopics(Duration.ofSeconds(20))).isTrue();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                            settings.topics().all().values())
                    .allTopicNames()
                    .get();
            assertThat(topics).hasSize(3);
            topics.values().forEach(topic -> {
                assertThat(topic.partitions()).hasSize(3);
                assertThat(topic.partitions().get(0).replicas()).hasSize(1);
            });
        }
    }

    @Test
    void lagCountsTheEventsNotYetPublishedAndFallsToZeroOnceCaughtUp() {
        PublisherSettings settings = freshSettings();
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(day.next(200, 20));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PublishingService service = PublishingService.start(storage, tokens, settings, registry)) {
            service.monitor().bindTo(registry);
            assertThat(service.monitor().headPosition()).isPresent();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PublicationStatus status = service.monitor().status();
                assertThat(status.state()).as(status.toString()).isEqualTo(PublicationStatus.State.CAUGHT_UP);
                assertThat(status.lag()).hasValue(0);
                assertThat(status.healthy()).isTrue();
            });
            assertThat(registry.get("smp.publisher.lag").gauge().value()).isZero();
            assertThat(handled(registry, settings)).isEqualTo(200);

            service.eventStore().publish(day.next(50, 20));
            assertThat(service.monitor().lag().orElse(0)).isBetween(0L, 50L);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> service.monitor().lag().orElse(-1) == 0);
            assertThat(handled(registry, settings)).isEqualTo(250);
        }
    }

    /** Events the publisher's processor handled, by axon-micrometer's count (one counter per payload type). */
    private static double handled(SimpleMeterRegistry registry, PublisherSettings settings) {
        return registry
                .find("eventProcessor.successCounter")
                .tag("processorName", settings.processorName())
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void aShutDownPublisherIsReportedStoppedAndUnhealthy() {
        PublisherSettings settings = freshSettings();
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(day.next(30, 5));
        PublishingService service = PublishingService.start(storage, tokens, settings);
        service.close();
        PublicationStatus status = service.monitor().status();
        assertThat(status.state()).isEqualTo(PublicationStatus.State.STOPPED);
        assertThat(status.healthy()).isFalse();
    }

    private static TopicReader readerOf(PublisherSettings settings) {
        new KafkaPublication(settings, Clock.systemUTC()).provisionTopics(Duration.ofSeconds(20));
        return new TopicReader(
                settings.bootstrapServers(), settings.topics().all().values());
    }
}
