package org.smpledger.example.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.processing.EventProcessors;
import org.smpledger.publisher.KafkaPublication;
import org.smpledger.publisher.PublisherSettings;
import org.smpledger.publisher.TopicNames;

/**
 * The example consumer on records written by smp-ledger's own publisher (not built by hand), so
 * that a change of CloudEvents type, source, payload shape or key is caught here. The publisher
 * publishes everything twice: a second life that lost its token starts again from the first event.
 */
class SessionsFromTheRealPublisherTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");
    /** 23:30 UTC on Tuesday is already Wednesday in Amsterdam. */
    private static final Instant TUESDAY_LATE = Instant.parse("2026-03-03T23:30:00Z");

    private final Map<String, Long> nextSequence = new HashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void countsEverySessionOncePerClinicAndDayFromRecordsThePublisherWroteTwice() {
        PublisherSettings settings = PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")))
                .withPartitions(3);
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();

        List<DomainEventMessage<SmpEvent>> firstDay = new ArrayList<>();
        for (int client = 1; client <= 3; client++) {
            firstDay.addAll(newClientWithFirstSession("clinic-a", "a" + client, MONDAY.plusSeconds(3600L * client)));
        }
        firstDay.addAll(newClientWithFirstSession("clinic-b", "b1", MONDAY));
        firstDay.add(event("clinic-a", "a1", session("a1", 2, TUESDAY)));
        firstDay.add(event("clinic-b", "b1", session("b1", 2, TUESDAY_LATE)));
        firstDay.add(new GenericDomainEventMessage<>(
                "PigmentLot",
                "lot-" + run,
                0,
                new PigmentLotReceived(
                        "lot-" + run,
                        "clinic-a",
                        "Brand",
                        "Charcoal",
                        "B-1",
                        LocalDate.of(2027, 1, 1),
                        true,
                        MONDAY,
                        "staff-1"),
                MetaData.with(EventMetadata.CLINIC_ID, "clinic-a")));
        int firstTreatmentRecords = firstDay.size() - 1;
        // Stored before the first life starts, which backfills them: Axon's in-memory engine puts a
        // batch into its map in hash order (position 0 of this batch last), so a processor reading
        // while the batch goes in can skip position 0 for good. Later publishes here are one event.
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(firstDay);
        publishInALifeOfItsOwn(settings, storage, List.of(), firstDay.size());

        List<DomainEventMessage<SmpEvent>> later = List.of(
                event("clinic-b", "b1", session("b1", 3, TUESDAY_LATE.plusSeconds(600))),
                event(
                        "clinic-a",
                        "a2",
                        new ClientPersonalDataErased(
                                id("a2"),
                                "erasure-1",
                                TUESDAY_LATE,
                                ClientPersonalDataErased.Reason.CLIENT_REQUEST,
                                "GDPR Art. 17(1)(a)",
                                null,
                                "admin-1")));
        // A token store of its own: the second life starts from the first event again (as after a lost
        // token or a reset), so every event of the first life is published a second time.
        publishInALifeOfItsOwn(settings, storage, later, firstDay.size() + later.size());

        int expectedRecords = firstTreatmentRecords * 2 + later.size();
        try (SessionsConsumer consumer = new SessionsConsumer(
                settings.bootstrapServers(),
                settings.topics().treatmentRecords(),
                new SessionsPerClinicDay(AMSTERDAM))) {
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read < expectedRecords && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200));
            }
            read += consumer.poll(Duration.ofMillis(300));
            assertThat(read).as("records on the treatment-record topic").isEqualTo(expectedRecords);

            SessionsPerClinicDay model = consumer.model();
            assertThat(model.all())
                    .isEqualTo(Map.of(
                            "clinic-a", Map.of(LocalDate.of(2026, 3, 2), 3, LocalDate.of(2026, 3, 3), 1),
                            "clinic-b", Map.of(LocalDate.of(2026, 3, 2), 1, LocalDate.of(2026, 3, 4), 2)));
            assertThat(model.duplicatesIgnored())
                    .as("the first life's six sessions, delivered again")
                    .isEqualTo(6);
            assertThat(model.lastSessionOf(id("a2"))).as("an erased client").isEmpty();
            assertThat(model.lastSessionOf(id("a1"))).isPresent();
        }
    }

    /** One life of the publishing service: publishes {@code events} and waits until Kafka acknowledged {@code total}. */
    private static void publishInALifeOfItsOwn(
            PublisherSettings settings,
            InMemoryEventStorageEngine storage,
            List<DomainEventMessage<SmpEvent>> events,
            int total) {
        KafkaPublication publication = new KafkaPublication(settings, Clock.systemUTC());
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        EventProcessors processors = new EventProcessors();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(
                        c -> EmbeddedEventStore.builder().storageEngine(storage).build())
                .registerComponent(TokenStore.class, c -> tokens);
        processors.configureModule(configurer);
        publication.registerWith(processors);
        Configuration axon = configurer.start();
        try {
            if (!events.isEmpty()) {
                axon.eventStore().publish(events);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (publication.monitor().publishedEvents() < total && System.nanoTime() < deadline) {
                sleep();
            }
            assertThat(publication.monitor().publishedEvents())
                    .as(() -> "published " + publication.monitor().status())
                    .isEqualTo(total);
        } finally {
            axon.shutdown();
            publication.close();
        }
    }

    private List<DomainEventMessage<SmpEvent>> newClientWithFirstSession(
            String clinic, String client, Instant endedAt) {
        return List.of(
                event(
                        clinic,
                        client,
                        new ClientRegistered(
                                id(client),
                                clinic,
                                new PersonalDetails(
                                        "Jan Jansen", LocalDate.of(1980, 5, 17), "jan@example.org", "+31 6 1234 5678"),
                                endedAt.minusSeconds(86_400))),
                event(
                        clinic,
                        client,
                        new ConsentSigned(
                                id(client),
                                "consent-" + client,
                                endedAt.minusSeconds(9000),
                                "v3",
                                "doc-" + client,
                                "staff-2")),
                event(clinic, client, session(client, 1, endedAt)));
    }

    private SessionCompleted session(String client, int number, Instant endedAt) {
        return new SessionCompleted(
                id(client),
                "session-" + client + "-" + number,
                1,
                number,
                endedAt.minusSeconds(7200),
                endedAt,
                "staff-1",
                List.of(new SessionCompleted.ZoneWork(
                        ScalpZone.HAIRLINE,
                        0.25,
                        null,
                        3,
                        0.25,
                        null,
                        List.of(new SessionCompleted.PigmentUse("lot-" + run, 20)),
                        null)),
                null,
                null,
                null);
    }

    private DomainEventMessage<SmpEvent> event(String clinic, String client, SmpEvent payload) {
        String stream = id(client);
        long sequence = nextSequence.merge(stream, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(
                "TreatmentRecord", stream, sequence, payload, MetaData.with(EventMetadata.CLINIC_ID, clinic));
    }

    private String id(String client) {
        return "client-" + run + "-" + client;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
