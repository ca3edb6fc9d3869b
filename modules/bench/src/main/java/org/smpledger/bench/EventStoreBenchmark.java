package org.smpledger.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.smpledger.eventstore.MongoCommitStorageEngine;

/**
 * Our {@link MongoCommitStorageEngine} against axon-mongo's {@link MongoEventStorageEngine}, same
 * workload, same embedded (in-memory) MongoDB server, one run. Prints a table and PASS/FAIL per
 * target. Options: {@code --small=10000 --large=1000000 --seconds=15 --threads=2}.
 */
public final class EventStoreBenchmark {

    static final int STREAM_LENGTH = 20;

    enum Kind {
        OURS,
        AXON_MONGO
    }

    record Settings(int small, int large, int seconds, int threads) {
        static Settings parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            for (String arg : args) {
                String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
            return new Settings(
                    Integer.parseInt(options.getOrDefault("small", "10000")),
                    Integer.parseInt(options.getOrDefault("large", "1000000")),
                    Integer.parseInt(options.getOrDefault("seconds", "15")),
                    Integer.parseInt(options.getOrDefault("threads", "2")));
        }
    }

    static final class Results {
        double newStreamCommands;
        double existingStreamCommands;
        double engineAppends;
        double rawInserts;
        final Map<Integer, Double> loadMillis = new HashMap<>();
        final Map<Integer, Double> batchMillis = new HashMap<>();
        final Map<Integer, Double> fillSeconds = new HashMap<>();
        Instant fillStart;
        Instant fillEnd;
    }

    private final Settings settings;
    private final PrintStream out;
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    EventStoreBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        new EventStoreBenchmark(Settings.parse(args), System.out).run();
        System.exit(0);
    }

    void run() {
        out.printf(
                Locale.ROOT,
                "Event store benchmark %s: %s, %d cores, max heap %d MB, java %s%n",
                Instant.now(),
                settings,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        Map<Kind, Results> results = new HashMap<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            for (Kind kind : Kind.values()) {
                Results r = new Results();
                results.put(kind, r);
                // each command run on a database of its own: its processor starts from an empty store
                MongoDatabase commandsDb =
                        client.getDatabase("bench_commands_" + kind.name().toLowerCase(Locale.ROOT));
                BatchingEventStorageEngine engine = engine(kind, commandsDb);
                r.newStreamCommands = commands(kind, engine, true);
                MongoDatabase existingDb =
                        client.getDatabase("bench_existing_" + kind.name().toLowerCase(Locale.ROOT));
                r.existingStreamCommands = commands(kind, engine(kind, existingDb), false);
                existingDb.drop();
                if (kind == Kind.OURS) {
                    r.rawInserts = rawInserts(
                            commandsDb.getCollection("event_commits", BsonDocument.class),
                            client.getDatabase("bench_raw"));
                    client.getDatabase("bench_raw").drop();
                    r.engineAppends = engineAppends(engine(kind, client.getDatabase("bench_appends")));
                    client.getDatabase("bench_appends").drop();
                }
                commandsDb.drop();
                for (int size : new int[] {settings.small(), settings.large()}) {
                    MongoDatabase db =
                            client.getDatabase("bench_store_" + kind.name().toLowerCase(Locale.ROOT) + "_" + size);
                    BatchingEventStorageEngine store = engine(kind, db);
                    long start = System.nanoTime();
                    r.fillStart = Instant.now();
                    int streams = fill(store, size);
                    r.fillEnd = Instant.now();
                    r.fillSeconds.put(size, (System.nanoTime() - start) / 1e9);
                    out.printf(Locale.ROOT, "  %s: stored %,d events in %.1f s%n", kind, size, r.fillSeconds.get(size));
                    int samples = kind == Kind.AXON_MONGO && size > 100_000 ? 5 : 200;
                    r.loadMillis.put(size, loadLatency(store, streams, samples));
                    r.batchMillis.put(size, batchLatency(kind, store, size, samples, r));
                    out.printf(
                            Locale.ROOT,
                            "  %s @ %,d: load p50 %.2f ms, batch p50 %.2f ms%n",
                            kind,
                            size,
                            r.loadMillis.get(size),
                            r.batchMillis.get(size));
                    db.drop();
                    System.gc();
                }
            }
        }
        printTable(results.get(Kind.OURS), results.get(Kind.AXON_MONGO));
    }

    BatchingEventStorageEngine engine(Kind kind, MongoDatabase database) {
        if (kind == Kind.OURS) {
            // Processor reads of 100 positions without read-ahead: the "batch (100)" measure reads
            // exactly one batch, like axon-mongo's (the app's default window is 1000, read ahead).
            return MongoCommitStorageEngine.builder()
                    .database(database)
                    .trackingBatchSize(100)
                    .readAhead(false)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
        }
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** Commands/s through Axon (command bus, repository, event store) with a tracking processor running. */
    double commands(Kind kind, BatchingEventStorageEngine engine, boolean newStreams) {
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
                for (int i = 0; i < 500; i++) {
                    String id = "existing-" + UUID.randomUUID();
                    gateway.sendAndWait(new BenchClient.Register(id, 10));
                    existing.add(id);
                }
            }
            long precreated = existing.size() * 10L;
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (counter.seen.get() < precreated && System.nanoTime() < settle) {
                sleep(50); // the processor has caught up before the clock starts
            }
            long eventsBefore = counter.seen.get();
            AtomicLong events = new AtomicLong();
            double perSecond = timed(settings.seconds(), () -> {
                int count = 1 + ThreadLocalRandom.current().nextInt(3);
                if (newStreams) {
                    gateway.sendAndWait(new BenchClient.Register("new-" + UUID.randomUUID(), count));
                } else {
                    gateway.sendAndWait(new BenchClient.AddNotes(
                            existing.get(ThreadLocalRandom.current().nextInt(existing.size())), count));
                }
                events.addAndGet(count);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (counter.seen.get() - eventsBefore < events.get() && System.nanoTime() < deadline) {
                sleep(50);
            }
            out.printf(
                    Locale.ROOT,
                    "  %s %s streams: %.0f commands/s; processor handled %,d of %,d events%n",
                    kind,
                    newStreams ? "new" : "existing",
                    perSecond,
                    counter.seen.get() - eventsBefore,
                    events.get());
            return perSecond;
        } finally {
            axon.shutdown();
        }
    }

    /** appendEvents calls/s on new streams, 1-3 events each, without Axon's command handling around it. */
    double engineAppends(BatchingEventStorageEngine engine) {
        double perSecond = timed(Math.max(1, settings.seconds() / 2), () -> engine.appendEvents(newStream("append")));
        out.printf(Locale.ROOT, "  OURS engine appends: %.0f commits/s%n", perSecond);
        return perSecond;
    }

    /** insertOne/s of documents shaped exactly like our commits, same indexes and write concern, no engine. */
    double rawInserts(MongoCollection<BsonDocument> ourCommits, MongoDatabase rawDb) {
        List<BsonDocument> templates = ourCommits.find().limit(1000).into(new ArrayList<>());
        MongoCommitStorageEngine.builder()
                .database(rawDb)
                .commitCollection("raw_commits")
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build(); // same unique indexes
        MongoCollection<BsonDocument> raw = rawDb.getCollection("raw_commits", BsonDocument.class)
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        AtomicLong position = new AtomicLong(1);
        double perSecond = timed(Math.max(1, settings.seconds() / 2), () -> {
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
        out.printf(Locale.ROOT, "  raw insertOne of our commit documents: %.0f docs/s%n", perSecond);
        return perSecond;
    }

    /** Stores `events` events in streams of 20, appended 1-3 events per call, by the benchmark's threads. */
    int fill(BatchingEventStorageEngine engine, int events) {
        int streams = Math.max(1, events / STREAM_LENGTH);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int s = thread; s < streams; s += settings.threads()) {
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

    double loadLatency(BatchingEventStorageEngine engine, int streams, int samples) {
        for (int i = 0; i < Math.min(samples, 50); i++) { // warm-up, not counted
            engine.readEvents("stream-" + ThreadLocalRandom.current().nextInt(streams))
                    .asStream()
                    .count();
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            String id = "stream-" + ThreadLocalRandom.current().nextInt(streams);
            long start = System.nanoTime();
            long count = engine.readEvents(id).asStream().count();
            nanos[i] = System.nanoTime() - start;
            if (count != STREAM_LENGTH) {
                throw new IllegalStateException(id + " loaded " + count + " events");
            }
        }
        return median(nanos);
    }

    double batchLatency(Kind kind, BatchingEventStorageEngine engine, int size, int samples, Results r) {
        List<TrackingToken> tokens = new ArrayList<>();
        if (kind == Kind.OURS) {
            for (int i = 0; i < samples; i++) {
                tokens.add(new GlobalSequenceTrackingToken(
                        ThreadLocalRandom.current().nextLong(Math.max(1, size - 200))));
            }
        } else {
            // axon-mongo tokens are timestamp based: a token from the middle of the fill (untimed)
            Instant middle = r.fillStart.plus(
                    java.time.Duration.between(r.fillStart, r.fillEnd).dividedBy(2));
            TrackingToken token = engine.createTokenAt(middle);
            while (tokens.size() < samples) {
                tokens.add(token);
            }
        }
        for (int i = 0; i < Math.min(samples, 20); i++) { // warm-up, not counted
            engine.readEvents(tokens.get(i), false).limit(100).count();
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            TrackingToken token = tokens.get(i);
            long start = System.nanoTime();
            long count = engine.readEvents(token, false).limit(100).count();
            nanos[i] = System.nanoTime() - start;
            if (count != 100) {
                throw new IllegalStateException("batch of " + count);
            }
        }
        return median(nanos);
    }

    private double timed(int seconds, ThrowingRunnable action) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
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

    private void printTable(Results ours, Results axon) {
        int s = settings.small();
        int l = settings.large();
        out.println();
        out.println("| measure | smp-eventstore | axon-mongo | ratio |");
        out.println("|---|---|---|---|");
        row("commands/s, new streams, processor running", ours.newStreamCommands, axon.newStreamCommands, "%.0f");
        row(
                "commands/s, existing streams, processor running",
                ours.existingStreamCommands,
                axon.existingStreamCommands,
                "%.0f");
        row(
                String.format(Locale.ROOT, "aggregate load p50 ms @ %,d events", s),
                ours.loadMillis.get(s),
                axon.loadMillis.get(s),
                "%.2f");
        row(
                String.format(Locale.ROOT, "aggregate load p50 ms @ %,d events", l),
                ours.loadMillis.get(l),
                axon.loadMillis.get(l),
                "%.2f");
        row(
                String.format(Locale.ROOT, "processor batch (100) p50 ms @ %,d events", s),
                ours.batchMillis.get(s),
                axon.batchMillis.get(s),
                "%.2f");
        row(
                String.format(Locale.ROOT, "processor batch (100) p50 ms @ %,d events", l),
                ours.batchMillis.get(l),
                axon.batchMillis.get(l),
                "%.2f");
        row(
                String.format(Locale.ROOT, "fill time s, %,d events", l),
                ours.fillSeconds.get(l),
                axon.fillSeconds.get(l),
                "%.1f");
        out.printf(
                Locale.ROOT,
                "| engine appends/s (no Axon command handling), raw insertOne/s of the same documents | %.0f | raw %.0f | %.2f |%n",
                ours.engineAppends,
                ours.rawInserts,
                ours.engineAppends / ours.rawInserts);
        out.println();
        out.println("| target | measured | result |");
        out.println("|---|---|---|");
        double loadRatio = ours.loadMillis.get(l) / ours.loadMillis.get(s);
        target(
                String.format(Locale.ROOT, "load @ %,d within 1.5x of load @ %,d", l, s),
                loadRatio,
                "x",
                loadRatio <= 1.5);
        double newRatio = ours.newStreamCommands / axon.newStreamCommands;
        target(">= 4x axon-mongo commands/s, new streams, processor running", newRatio, "x", newRatio >= 4);
        double existingRatio = ours.existingStreamCommands / axon.existingStreamCommands;
        target(
                ">= 4x axon-mongo commands/s, existing streams, processor running",
                existingRatio,
                "x",
                existingRatio >= 4);
        double appendRatio = ours.engineAppends / ours.rawInserts;
        target(">= 0.5x raw inserts: engine appends / raw insertOne", appendRatio, "x", appendRatio >= 0.5);
        double commandRatio = ours.newStreamCommands / ours.rawInserts;
        target(
                ">= 0.5x raw inserts: full Axon commands (new streams) / raw insertOne",
                commandRatio,
                "x",
                commandRatio >= 0.5);
    }

    private void row(String name, Double ours, Double axon, String format) {
        out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |%n", name, ours, axon, ours / axon);
    }

    private void target(String name, double value, String unit, boolean pass) {
        out.printf(Locale.ROOT, "| %s | %.2f%s | %s |%n", name, value, unit, pass ? "PASS" : "FAIL");
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static void await(List<Future<?>> futures) {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
