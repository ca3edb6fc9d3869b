package org.smpledger.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.smpledger.eventstore.MongoCommitStorageEngine;

/**
 * What the benchmark measures: appends straight to an engine, raw inserts of the same documents,
 * commands through Axon with a processor running, filling a store, loading aggregates and reading
 * processor batches. Client streams hold 20 events of ~1 KB; appends and commands carry 1-3.
 */
final class Workload {

    static final int STREAM_LENGTH = 20;

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    JacksonSerializer serializer() {
        return serializer;
    }

    /** Our engine as the app builds it, with group commit on or off. */
    MongoCommitStorageEngine ours(MongoDatabase database, boolean groupCommit) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .groupCommit(groupCommit)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    /**
     * Processor reads of exactly 100 positions without read-ahead: one batch, like axon-mongo's. It
     * learns the head first, so that a read from behind it asks for the whole window at once.
     */
    MongoCommitStorageEngine oursReadingBatchesOf100(MongoDatabase database) {
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(database)
                .trackingBatchSize(100)
                .readAhead(false)
                .createIndexes(false)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createHeadToken();
        return engine;
    }

    /** appendEvents calls per second on new streams, 1-3 events each, from {@code writers} threads. */
    double appends(BatchingEventStorageEngine engine, int writers, int seconds) {
        return timed(writers, seconds, () -> engine.appendEvents(newStream("append")));
    }

    /** Commit documents as our engine writes them (Jackson payloads of ~1 KB), to copy in raw inserts. */
    List<BsonDocument> commitTemplates(MongoDatabase scratch) {
        MongoCommitStorageEngine engine = ours(scratch, true);
        for (int i = 0; i < 1000; i++) {
            engine.appendEvents(newStream("template"));
        }
        return scratch.getCollection("event_commits", BsonDocument.class).find().into(new ArrayList<>());
    }

    /**
     * insertOne per second of our commit documents (fresh positions, stream keys and event ids), into a
     * collection with our unique indexes, at our write concern, from {@code writers} threads, no engine.
     */
    double rawInserts(List<BsonDocument> templates, MongoDatabase database, int writers, int seconds) {
        MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build(); // the same unique indexes
        MongoCollection<BsonDocument> raw = database.getCollection("event_commits", BsonDocument.class)
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        AtomicLong position = new AtomicLong(1);
        return timed(writers, seconds, () -> {
            BsonDocument template = templates.get(ThreadLocalRandom.current().nextInt(templates.size()));
            int n = template.getInt32("n").getValue();
            long first = position.getAndAdd(n);
            BsonArray pos = new BsonArray();
            BsonArray keys = new BsonArray();
            BsonArray ids = new BsonArray();
            String stream = UUID.randomUUID().toString();
            for (int i = 0; i < n; i++) {
                pos.add(new BsonInt64(first + i));
                keys.add(new BsonString(stream + ":" + i));
                ids.add(new BsonString(UUID.randomUUID().toString()));
            }
            raw.insertOne(new BsonDocument("_id", new BsonInt64(first))
                    .append("n", new BsonInt32(n))
                    .append("pos", pos)
                    .append("keys", keys)
                    .append("ids", ids)
                    .append("events", template.get("events")));
        });
    }

    /** The outcome of one command run: commands per second, and whether the processor saw every event. */
    record CommandRun(double perSecond, long handled, long appended) {}

    /**
     * Commands per second through Axon (command bus, event-sourcing repository, embedded event store)
     * with a tracking processor handling every event. New streams ({@code existing} = 0): each
     * command registers a client with 1-3 events. Existing streams: {@code existing} clients of 10
     * events first (processor caught up before the clock starts), then each command loads one and
     * appends 1-3 events.
     */
    CommandRun commands(BatchingEventStorageEngine engine, int existingStreams, int writers, int seconds) {
        boolean newStreams = existingStreams == 0;
        EventCounter counter = new EventCounter();
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(BenchClient.class)
                .eventProcessing(ep -> ep.usingTrackingEventProcessors()
                        .registerTokenStore(c -> new InMemoryTokenStore())
                        .registerEventHandler(c -> counter))
                .buildConfiguration();
        axon.start();
        try {
            CommandGateway gateway = axon.commandGateway();
            List<String> existing = new ArrayList<>();
            if (!newStreams) {
                for (int i = 0; i < existingStreams; i++) {
                    String id = "existing-" + UUID.randomUUID();
                    gateway.sendAndWait(new BenchClient.Register(id, 10));
                    existing.add(id);
                }
            }
            waitUntil(() -> counter.seen.get() >= existing.size() * 10L, Duration.ofSeconds(60));
            long before = counter.seen.get();
            AtomicLong events = new AtomicLong();
            double perSecond = timed(writers, seconds, () -> {
                int count = 1 + ThreadLocalRandom.current().nextInt(3);
                if (newStreams) {
                    gateway.sendAndWait(new BenchClient.Register("new-" + UUID.randomUUID(), count));
                } else {
                    gateway.sendAndWait(new BenchClient.AddNotes(
                            existing.get(ThreadLocalRandom.current().nextInt(existing.size())), count));
                }
                events.addAndGet(count);
            });
            waitUntil(() -> counter.seen.get() - before >= events.get(), Duration.ofSeconds(60));
            return new CommandRun(perSecond, counter.seen.get() - before, events.get());
        } finally {
            axon.shutdown();
        }
    }

    /** Stores {@code events} events in streams of 20 ("stream-0", ...), 1-3 events per append, from several threads. */
    int fill(BatchingEventStorageEngine engine, int events, int threads) {
        int streams = Math.max(1, events / STREAM_LENGTH);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int s = thread; s < streams; s += threads) {
                    String id = "stream-" + s;
                    int seq = 0;
                    while (seq < STREAM_LENGTH) {
                        int k = Math.min(1 + random.nextInt(3), STREAM_LENGTH - seq);
                        List<DomainEventMessage<?>> batch = new ArrayList<>();
                        for (int i = 0; i < k; i++) {
                            batch.add(new GenericDomainEventMessage<>(
                                    "BenchClient", id, seq + i, new BenchClient.Noted(id, BenchClient.TEXT)));
                        }
                        engine.appendEvents(batch);
                        seq += k;
                    }
                }
                return null;
            }));
        }
        await(futures);
        pool.shutdown();
        return streams;
    }

    /** Median milliseconds to load a whole 20-event stream, over {@code samples} random streams. */
    double loadMillis(BatchingEventStorageEngine engine, int streams, int samples) {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            nanos[i] = loadNanos(engine, streams);
        }
        return Figures.medianOf(nanos) / 1e6;
    }

    /** Nanoseconds to load one random whole 20-event stream. */
    long loadNanos(BatchingEventStorageEngine engine, int streams) {
        String id = "stream-" + ThreadLocalRandom.current().nextInt(streams);
        long start = System.nanoTime();
        long count = engine.readEvents(id).asStream().count();
        long nanos = System.nanoTime() - start;
        if (count != STREAM_LENGTH) {
            throw new IllegalStateException(id + " loaded " + count + " events");
        }
        return nanos;
    }

    /** Median milliseconds to read a processor batch of 100 events from a random position. */
    double batchMillis(BatchingEventStorageEngine engine, List<TrackingToken> tokens) {
        long[] nanos = new long[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            nanos[i] = batchNanos(engine, tokens.get(i));
        }
        return Figures.medianOf(nanos) / 1e6;
    }

    /** Nanoseconds to read a processor batch of 100 events after {@code token}. */
    long batchNanos(BatchingEventStorageEngine engine, TrackingToken token) {
        long start = System.nanoTime();
        long count = engine.readEvents(token, false).limit(100).count();
        long nanos = System.nanoTime() - start;
        if (count != 100) {
            throw new IllegalStateException("batch of " + count);
        }
        return nanos;
    }

    static List<TrackingToken> randomPositions(int size, int samples) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            tokens.add(
                    new GlobalSequenceTrackingToken(ThreadLocalRandom.current().nextLong(Math.max(1, size - 200))));
        }
        return tokens;
    }

    /** axon-mongo tokens are timestamp based: one token from the middle of the fill, repeated. */
    static List<TrackingToken> middleOf(BatchingEventStorageEngine engine, Instant from, Instant to, int samples) {
        TrackingToken token =
                engine.createTokenAt(from.plus(Duration.between(from, to).dividedBy(2)));
        List<TrackingToken> tokens = new ArrayList<>();
        while (tokens.size() < samples) {
            tokens.add(token);
        }
        return tokens;
    }

    /** Runs {@code action} in a loop on {@code threads} threads for {@code seconds}; returns completions per second. */
    static double timed(int threads, int seconds, ThrowingRunnable action) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    action.run();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        await(futures);
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private List<DomainEventMessage<?>> newStream(String prefix) {
        String id = prefix + "-" + UUID.randomUUID();
        int k = 1 + ThreadLocalRandom.current().nextInt(3);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            events.add(
                    new GenericDomainEventMessage<>("BenchClient", id, i, new BenchClient.Noted(id, BenchClient.TEXT)));
        }
        return events;
    }

    static void await(List<Future<?>> futures) {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The streaming processor: counts what it is handed. */
    public static final class EventCounter {
        final AtomicLong seen = new AtomicLong();

        @EventHandler
        public void on(BenchClient.Noted event) {
            seen.incrementAndGet();
        }
    }
}
