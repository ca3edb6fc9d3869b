package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.events.SmpEvent;
import org.smpledger.serialization.ServiceJson;

/**
 * Publication throughput next to a raw producer sending the same records in the same run, and
 * end-to-end latency (event stored → consumer received) at a steady rate. Not a test: run it with
 * the command in docs/performance.md ("Kafka publication"). Arguments: events for the throughput
 * runs (default 20000), steady rate per second (500), seconds at that rate (10), storage for the
 * latency run: {@code memory} (Axon's in-memory engine and token store, the default) or
 * {@code mongo} (the production {@code MongoCommitStorageEngine} and {@code MongoTokenStore} on the
 * embedded in-memory MongoDB wire server, or {@code SMP_TEST_MONGODB_URI}; the time of the append
 * round trip is then part of each latency).
 */
public final class PublicationBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean mongo = args.length > 3 && args[3].equals("mongo");
        System.out.printf(
                "Kafka publication benchmark: %d events, %d clients, embedded broker %s, %d cores%n",
                events,
                events / 20,
                TestKafka.bootstrapServers(),
                Runtime.getRuntime().availableProcessors());
        for (int batchSize : new int[] {100, 500}) {
            throughput(events, batchSize);
        }
        latency(rate, seconds, mongo);
        System.exit(0);
    }

    private static void throughput(int events, int batchSize) throws Exception {
        PublisherSettings settings = settings().withBatchSize(batchSize);
        InMemoryEventStorageEngine storage = new InOrderInMemoryStorage();
        EmbeddedEventStore.builder().storageEngine(storage).build().publish(new ClinicDay().next(events, events / 20));
        new KafkaPublication(settings, Clock.systemUTC()).provisionTopics(Duration.ofSeconds(20));

        long started = System.nanoTime();
        try (PublishingService service = PublishingService.start(storage, new InMemoryTokenStore(), settings)) {
            while (service.monitor().publishedEvents() < events) {
                Thread.sleep(5);
            }
        }
        double publication = events / seconds(started);

        List<TrackedEventMessage<?>> stored = storage.readEvents(null, false).collect(Collectors.toList());
        CloudEventMapper mapper = new CloudEventMapper(settings.topics(), new PublicPayloads(ServiceJson.mapper()));
        PublisherSettings raw = settings().withBatchSize(batchSize);
        new KafkaPublication(raw, Clock.systemUTC()).provisionTopics(Duration.ofSeconds(20));
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (TrackedEventMessage<?> message : stored) {
            ProducerRecord<String, CloudEvent> record = mapper.toRecord(message);
            records.add(new ProducerRecord<>(
                    raw.topics().topicFor(topicOf(record, settings)), record.key(), record.value()));
        }
        started = System.nanoTime();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(raw.producerConfig())) {
            List<Future<?>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, CloudEvent> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
        double rawRate = events / seconds(started);
        System.out.printf(
                "batch %4d: publisher %,8.0f events/s | raw producer (same records, async, acks=all) %,8.0f records/s | ratio %.2f%n",
                batchSize, publication, rawRate, publication / rawRate);
    }

    private static void latency(int rate, int seconds, boolean mongo) throws Exception {
        if (mongo) {
            try (MongoStorage storage = MongoStorage.fresh("benchmark")) {
                try {
                    latency(
                            rate,
                            seconds,
                            "MongoCommitStorageEngine + MongoTokenStore",
                            storage.engine(),
                            storage.tokens());
                } finally {
                    storage.drop();
                }
            }
        } else {
            latency(
                    rate,
                    seconds,
                    "in-memory engine + token store",
                    new InOrderInMemoryStorage(),
                    new InMemoryTokenStore());
        }
    }

    private static void latency(
            int rate, int seconds, String storageName, EventStorageEngine storage, TokenStore tokens) throws Exception {
        PublisherSettings settings = settings();
        Map<String, Long> storedAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> appendNanos = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        int total = rate * seconds;
        new KafkaPublication(settings, Clock.systemUTC()).provisionTopics(Duration.ofSeconds(20));
        try (PublishingService service = PublishingService.start(storage, tokens, settings);
                TopicReader reader = new TopicReader(
                        settings.bootstrapServers(), settings.topics().all().values())) {
            Thread consumer = new Thread(
                    () -> {
                        int seen = 0;
                        while (reading.get() && seen < total) {
                            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, CloudEvent>> all =
                                    reader.readAtLeast(seen + 1, Duration.ofMillis(50));
                            long now = System.nanoTime();
                            for (int i = seen; i < all.size(); i++) {
                                Long at = storedAt.get(all.get(i).value().getId());
                                if (at != null) {
                                    synchronized (latencies) {
                                        latencies.add(now - at);
                                    }
                                }
                            }
                            seen = all.size();
                        }
                    },
                    "benchmark-consumer");
            consumer.start();
            ClinicDay day = new ClinicDay();
            long intervalNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                DomainEventMessage<SmpEvent> event = day.next(200);
                long appending = System.nanoTime();
                storedAt.put(event.getIdentifier(), appending);
                service.eventStore().publish(event);
                appendNanos.add(System.nanoTime() - appending);
                next += intervalNanos;
            }
            consumer.join(Duration.ofSeconds(30).toMillis());
            reading.set(false);
        }
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] appends =
                appendNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "steady %d events/s for %d s on %s: %d received, latency append started -> consumer received"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms (the append itself: p50 %.2f ms, p99 %.2f ms)%n",
                rate,
                seconds,
                storageName,
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                percentile(appends, 0.50),
                percentile(appends, 0.99));
    }

    private static org.smpledger.events.StreamType topicOf(
            ProducerRecord<String, CloudEvent> record, PublisherSettings settings) {
        return Arrays.stream(org.smpledger.events.StreamType.values())
                .filter(s -> settings.topics().topicFor(s).equals(record.topic()))
                .findFirst()
                .orElseThrow();
    }

    private static PublisherSettings settings() {
        return PublisherSettings.defaults(TestKafka.bootstrapServers())
                .withTopics(new TopicNames(
                        TestKafka.freshTopicName("treatment-records"),
                        TestKafka.freshTopicName("pigment-lots"),
                        TestKafka.freshTopicName("clinic-policies")));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
