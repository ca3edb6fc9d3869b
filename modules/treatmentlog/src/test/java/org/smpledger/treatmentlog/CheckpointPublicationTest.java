package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.merkle.Hash;

/** Checkpoints on the real embedded broker: in signing order, as signed notes a consumer can verify. */
class CheckpointPublicationTest {

    private final LogSigner signer =
            new LogSigner("clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());

    @Test
    void everyCheckpointArrivesInOrderAsTheSignedNoteAndARepublishedOneIsTheSameEvent() throws Exception {
        String topic = TestKafka.freshTopicName("log-checkpoints");
        List<SignedCheckpoint> signed = new ArrayList<>();
        List<CloudEvent> received;
        for (long size = 10; size <= 50; size += 10) {
            signed.add(signer.sign(
                    size,
                    Hash.of(new byte[32]),
                    Instant.parse("2026-11-30T10:00:00Z").plusSeconds(size)));
        }
        try (CheckpointPublication publication = new CheckpointPublication(new CheckpointPublication.Settings(
                TestKafka.bootstrapServers(), topic, (short) 1, Duration.ofSeconds(10)))) {
            assertThat(publication.provisionTopic(Duration.ofSeconds(10))).isTrue();
            assertThat(publication.provisionTopic(Duration.ofSeconds(10))).isTrue();
            signed.forEach(publication);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> publication.publishedSize().orElse(0) == 50);
            publication.republish(signed.get(4));
            received = read(topic, 6);
        }
        assertThat(received).hasSize(6);
        List<Long> sizes = new ArrayList<>();
        for (CloudEvent event : received) {
            SignedCheckpoint copy =
                    SignedCheckpoint.parse(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
            assertThat(signer.key().verify(copy).size())
                    .isEqualTo(copy.checkpoint().size());
            assertThat(event.getType()).isEqualTo(CheckpointPublication.TYPE);
            assertThat(event.getId())
                    .isEqualTo("clinic.example/smp-ledger/" + copy.checkpoint().size());
            // binary mode: extensions travel as Kafka headers, as text
            assertThat(String.valueOf(event.getExtension(CheckpointPublication.TREE_SIZE_EXTENSION)))
                    .isEqualTo(String.valueOf(copy.checkpoint().size()));
            sizes.add(copy.checkpoint().size());
        }
        assertThat(sizes).containsExactly(10L, 20L, 30L, 40L, 50L, 50L);
        assertThat(received.get(5)).isEqualTo(received.get(4));
    }

    @Test
    void withoutKafkaNothingIsPublishedAndTheFailureIsReported() {
        try (CheckpointPublication publication = new CheckpointPublication(
                new CheckpointPublication.Settings("127.0.0.1:1", "nowhere", (short) 1, Duration.ofSeconds(1)))) {
            publication.accept(signer.sign(1, Hash.of(new byte[32]), Instant.now()));
            await().atMost(Duration.ofSeconds(15)).until(() -> publication.lastError() != null);
            assertThat(publication.publishedSize()).isEmpty();
        }
    }

    private static List<CloudEvent> read(String topic, int count) {
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringDeserializer(),
                new CloudEventDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            assertThat(consumer.partitionsFor(topic)).hasSize(1);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                return events.size() >= count;
            });
        }
        return events;
    }
}
