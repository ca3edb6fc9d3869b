package org.smpledger.app.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.treatment.ConsentSigned;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The app publishes what goes through Axon's event store to Kafka, and reports on it. */
class KafkaPublicationWiringTest {

    @TempDir
    Path dataDir;

    @Test
    void anEventStoredThroughAxonArrivesOnItsTopicAsACloudEventAndHealthShowsTheLag() throws Exception {
        String topic = TestKafka.freshTopicName("treatment-records");
        List<String> arguments = new ArrayList<>(List.of(
                "--smp.mongodb.uri=" + TestMongo.connectionString(),
                "--smp.mongodb.database=" + TestMongo.freshDatabaseName("publisher"),
                "--smp.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--smp.data-dir=" + dataDir,
                "--server.port=0",
                "--smp.publisher.topics.treatment-records=" + topic,
                "--smp.publisher.topics.pigment-lots=" + TestKafka.freshTopicName("pigment-lots"),
                "--smp.publisher.partitions=2"));
        arguments.addAll(Staff.arguments("clinic-7"));
        try (ConfigurableApplicationContext app =
                        new SpringApplicationBuilder(SmpLedgerApplication.class).run(arguments.toArray(String[]::new));
                KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                        new StringDeserializer(),
                        new CloudEventDeserializer())) {
            ConsentSigned consent = new ConsentSigned(
                    "client-42", "consent-1", Instant.parse("2026-03-02T10:00:00Z"), "v3", "doc-1", "staff-2");
            GenericDomainEventMessage<ConsentSigned> message = new GenericDomainEventMessage<>(
                    "TreatmentRecord", "client-42", 0, consent, MetaData.with(EventMetadata.CLINIC_ID, "clinic-7"));
            app.getBean(EventStore.class).publish(message);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !consumer.partitionsFor(topic).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            assertThat(partitions).hasSize(2);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            CloudEvent event = received.get(0).value();
            assertThat(received.get(0).key()).isEqualTo("client-42");
            assertThat(event.getId()).isEqualTo(message.getIdentifier());
            assertThat(event.getType()).isEqualTo("org.smpledger.ConsentSigned.v1");
            assertThat(event.getSource()).isEqualTo(URI.create("/clinics/clinic-7"));
            assertThat(new ObjectMapper()
                            .readTree(event.getData().toBytes())
                            .path("consentId")
                            .asText())
                    .isEqualTo("consent-1");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode publisher = get(app, "/actuator/health").at("/components/kafkaPublisher");
                assertThat(publisher.path("status").asText()).isEqualTo("UP");
                assertThat(publisher.at("/details/state").asText()).isEqualTo("CAUGHT_UP");
                assertThat(publisher.at("/details/lag").asLong()).isZero();
            });
            JsonNode lag = get(app, "/actuator/metrics/smp.publisher.lag");
            assertThat(lag.at("/measurements/0/value").asDouble()).isZero();
            JsonNode handled =
                    get(app, "/actuator/metrics/eventProcessor.successCounter?tag=processorName:kafka-publisher");
            assertThat(handled.at("/measurements/0/value").asDouble()).isEqualTo(1);
        }
    }

    private static JsonNode get(ConfigurableApplicationContext app, String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", Staff.admin("clinic-7").authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
