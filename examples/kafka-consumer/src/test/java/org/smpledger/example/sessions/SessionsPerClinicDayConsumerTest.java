package org.smpledger.example.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.SessionCompleted;

/** The example downstream service, fed records as the publisher writes them, some of them twice. */
class SessionsPerClinicDayConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void countsEachCompletedSessionOncePerClinicAndDayEvenWhenDeliveredTwice() throws Exception {
        String topic = TestKafka.freshTopicName("treatment-records");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Instant monday = Instant.parse("2026-03-02T10:00:00Z");
        Instant tuesday = Instant.parse("2026-03-03T23:30:00Z");
        List<CloudEvent> events = new ArrayList<>();
        events.add(session("clinic-a", "client-1", monday));
        events.add(session("clinic-a", "client-2", monday.plusSeconds(3600)));
        events.add(session("clinic-b", "client-3", monday));
        events.add(session("clinic-a", "client-1", tuesday));
        events.add(consent("clinic-a", "client-4", monday));

        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(),
                new CloudEventSerializer())) {
            for (CloudEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.getSubject(), event))
                        .get();
            }
            for (CloudEvent event : events.subList(0, 3)) {
                producer.send(new ProducerRecord<>(topic, event.getSubject(), event))
                        .get();
            }
        }

        try (SessionsConsumer consumer =
                new SessionsConsumer(TestKafka.bootstrapServers(), topic, new SessionsPerClinicDay(ZoneOffset.UTC))) {
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read < 8 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200));
            }
            assertThat(read).isEqualTo(8);
            SessionsPerClinicDay model = consumer.model();
            assertThat(model.sessions("clinic-a", LocalDate.of(2026, 3, 2))).isEqualTo(2);
            assertThat(model.sessions("clinic-b", LocalDate.of(2026, 3, 2))).isEqualTo(1);
            assertThat(model.sessions("clinic-a", LocalDate.of(2026, 3, 3))).isEqualTo(1);
            assertThat(model.duplicatesIgnored()).isEqualTo(3);
        }
    }

    @Test
    void anErasedClientIsForgottenAndStaysForgottenWhenTheTopicIsReadAgain() {
        CloudEvent first = session("clinic-a", "client-1", Instant.parse("2026-03-02T10:00:00Z"));
        CloudEvent other = session("clinic-a", "client-2", Instant.parse("2026-03-02T12:00:00Z"));
        CloudEvent erased = event(
                "clinic-a",
                "client-1",
                SessionsPerClinicDay.PERSONAL_DATA_ERASED,
                Map.of("clientId", "client-1", "reason", "CLIENT_REQUEST"));
        CloudEvent later = session("clinic-a", "client-1", Instant.parse("2026-04-02T10:00:00Z"));
        for (List<CloudEvent> delivery : List.of(List.of(first, other, erased, later), List.of(erased, first, later))) {
            SessionsPerClinicDay model = new SessionsPerClinicDay(ZoneOffset.UTC);
            delivery.forEach(model::apply);
            assertThat(model.lastSessionOf("client-1")).isEmpty();
            assertThat(model.sessions("clinic-a", LocalDate.of(2026, 4, 2))).isEqualTo(1);
        }
        SessionsPerClinicDay model = new SessionsPerClinicDay(ZoneOffset.UTC);
        List.of(first, other, erased).forEach(model::apply);
        assertThat(model.lastSessionOf("client-2")).contains(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(model.sessions("clinic-a", LocalDate.of(2026, 3, 2))).isEqualTo(2);
    }

    @Test
    void theClinicsTimeZoneDecidesTheDayOfALateSession() {
        SessionsPerClinicDay amsterdam = new SessionsPerClinicDay(ZoneId.of("Europe/Amsterdam"));
        amsterdam.apply(session("clinic-a", "client-1", Instant.parse("2026-03-03T23:30:00Z")));
        assertThat(amsterdam.sessions("clinic-a", LocalDate.of(2026, 3, 4))).isEqualTo(1);
        assertThat(amsterdam.sessions("clinic-a", LocalDate.of(2026, 3, 3))).isZero();
    }

    private static CloudEvent session(String clinic, String client, Instant endedAt) {
        SessionCompleted session = new SessionCompleted(
                client,
                "s-" + UUID.randomUUID(),
                1,
                1,
                endedAt.minusSeconds(7200),
                endedAt,
                "staff-1",
                List.of(),
                null,
                null,
                null);
        return event(clinic, client, "org.smpledger.SessionCompleted.v1", session);
    }

    private static CloudEvent consent(String clinic, String client, Instant at) {
        return event(
                clinic,
                client,
                "org.smpledger.ConsentSigned.v1",
                new ConsentSigned(client, "c-1", at, "v3", "doc", "staff-2"));
    }

    private static CloudEvent event(String clinic, String client, String type, Object payload) {
        try {
            return CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(URI.create("/clinics/" + clinic))
                    .withType(type)
                    .withSubject(client)
                    .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withExtension("streamsequence", "0")
                    .withData(JSON.writeValueAsBytes(payload))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
