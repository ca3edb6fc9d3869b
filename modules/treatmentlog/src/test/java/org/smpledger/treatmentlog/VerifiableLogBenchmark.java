package org.smpledger.treatmentlog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.RawBsonDocument;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.processing.EventBatchHandler;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.store.LogStore;

/**
 * The verifiable log's benchmark (docs/performance.md, "Verifiable log"), on the embedded MongoDB
 * server (memory backend), in one JVM:
 * <ol>
 *   <li>command throughput through Axon (command bus, event-sourcing repository, our engine, one
 *       processor reading every event as the service's projections do) with the tree's processor
 *       running versus without it, in interleaved rounds on fresh databases (target on/off at least
 *       0.9), with the checkpoint lag behind the head sampled every 50 ms in both runs;
 *   <li>a store of {@code --events} events filled by concurrent appends while the tree's processor
 *       builds the tree (checkpoint and tree lag under that load sampled), then inclusion-proof
 *       latency p50/p99 as the API computes it (target p50 under 5 ms) and full verification
 *       against the latest checkpoint versus a raw driver scan of the same documents, interleaved
 *       (target verification/scan at least 0.5).
 * </ol>
 * Options: {@code --events=1000000 --rounds=5 --seconds=5 --threads=4 --fill-threads=4 --samples=2000
 * --scan-rounds=3 --sections=commands,store}.
 */
public final class VerifiableLogBenchmark {

    static final String TEXT = "session notes ".repeat(35); // ~500 bytes of payload text

    private final Map<String, String> options = new LinkedHashMap<>();
    private final LogSigner signer =
            new LogSigner("bench.example/smp-ledger", Ed25519Keys.generate().getPrivate());
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    private VerifiableLogBenchmark(String[] args) {
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
    }

    public static void main(String[] args) throws Exception {
        new VerifiableLogBenchmark(args).run();
        System.exit(0);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        int events = option("events", 1_000_000);
        int rounds = option("rounds", 5);
        int seconds = option("seconds", 5);
        int threads = option("threads", 4);
        System.out.printf(
                Locale.ROOT,
                "VerifiableLogBenchmark: %d cores, max heap %,d MB, load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        try (MongoClient mongo = MongoClients.create(TestMongo.connectionString())) {
            String sections = options.getOrDefault("sections", "commands,store");
            if (sections.contains("commands")) {
                commands(mongo, rounds, seconds, threads);
            }
            if (sections.contains("store")) {
                largeStore(mongo, events);
            }
        }
    }

    // ---- 1. commands with the tree on and off ----

    private void commands(MongoClient mongo, int rounds, int seconds, int threads) {
        System.out.printf(
                Locale.ROOT,
                "%n1. Commands (new client streams, 1-3 events each) from %d threads, %d s per run, 1 warm-up + %d rounds%n",
                threads,
                seconds,
                rounds);
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuOn = new ArrayList<>();
        List<Double> cpuOff = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Long> lagSamples = new ArrayList<>();
        List<Long> catchUps = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            boolean onFirst = round % 2 == 0;
            CommandRun first = commandRun(mongo, onFirst, threads, seconds);
            CommandRun second = commandRun(mongo, !onFirst, threads, seconds);
            CommandRun withTree = onFirst ? first : second;
            CommandRun without = onFirst ? second : first;
            System.out.printf(
                    Locale.ROOT,
                    "  %s: tree on %,.0f cmd/s, off %,.0f cmd/s, ratio %.2f; process CPU per command on %,.0f us, off %,.0f us"
                            + " (commands per CPU second on/off %.2f); checkpoint lag p50 %,d p99 %,d max %,d events; "
                            + "tree caught up %,d ms after the last command; load average %s%n",
                    round == 0 ? "warm-up" : "round " + round,
                    withTree.perSecond,
                    without.perSecond,
                    withTree.perSecond / without.perSecond,
                    withTree.cpuMicrosPerCommand,
                    without.cpuMicrosPerCommand,
                    without.cpuMicrosPerCommand / withTree.cpuMicrosPerCommand,
                    percentile(withTree.checkpointLag, 50),
                    percentile(withTree.checkpointLag, 99),
                    percentile(withTree.checkpointLag, 100),
                    withTree.catchUpMillis,
                    loadAverage());
            if (round > 0) {
                on.add(withTree.perSecond);
                off.add(without.perSecond);
                ratios.add(withTree.perSecond / without.perSecond);
                cpuOn.add(withTree.cpuMicrosPerCommand);
                cpuOff.add(without.cpuMicrosPerCommand);
                cpuRatios.add(without.cpuMicrosPerCommand / withTree.cpuMicrosPerCommand);
                lagSamples.addAll(withTree.checkpointLag);
                catchUps.add(withTree.catchUpMillis);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  RESULT commands/s tree on: median %,.0f (%,.0f-%,.0f); off: median %,.0f (%,.0f-%,.0f)%n",
                median(on),
                min(on),
                max(on),
                median(off),
                min(off),
                max(off));
        System.out.printf(
                Locale.ROOT,
                "  RESULT on/off: median %.2f (rounds %.2f-%.2f), target >= 0.90: %s%n",
                median(ratios),
                min(ratios),
                max(ratios),
                median(ratios) >= 0.9 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT,
                "  RESULT process CPU per command: tree on median %,.0f us (%,.0f-%,.0f), off median %,.0f us (%,.0f-%,.0f); "
                        + "commands per CPU second on/off: median %.2f (rounds %.2f-%.2f)%n",
                median(cpuOn),
                min(cpuOn),
                max(cpuOn),
                median(cpuOff),
                min(cpuOff),
                max(cpuOff),
                median(cpuRatios),
                min(cpuRatios),
                max(cpuRatios));
        System.out.printf(
                Locale.ROOT,
                "  RESULT checkpoint lag behind the head under load (every 50 ms, all rounds): p50 %,d p99 %,d max %,d events; "
                        + "tree caught up after the last command: median %,d ms%n",
                percentile(lagSamples, 50),
                percentile(lagSamples, 99),
                percentile(lagSamples, 100),
                (long) median(catchUps.stream().map(Long::doubleValue).toList()));
    }

    /** A run's throughput, and the CPU time of the whole process (commands, processors, the in-process MongoDB) per command. */
    private record CommandRun(
            double perSecond, double cpuMicrosPerCommand, List<Long> checkpointLag, long catchUpMillis) {}

    private CommandRun commandRun(MongoClient mongo, boolean tree, int threads, int seconds) {
        MongoDatabase database = mongo.getDatabase(TestMongo.freshDatabaseName("bench_log_commands"));
        MongoCommitStorageEngine engine = engine(database);
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(BenchRecord.class)
                .buildConfiguration();
        axon.start();
        LogStore store = LogStore.on(database);
        EventProcessors processors = EventProcessors.running(axon.eventStore(), new InMemoryTokenStore());
        // both runs: one processor that reads every event, as the service always runs projections and the publisher
        AtomicLong seen = new AtomicLong();
        processors.register(ProcessorDefinition.of("baseline", new EventBatchHandler<Long>() {
            @Override
            public Long begin(List<? extends EventMessage<?>> events) {
                return (long) events.size();
            }

            @Override
            public void handle(EventMessage<?> event, Long batch) {
                event.getPayload();
            }

            @Override
            public CompletionStage<?> finish(Long batch) {
                seen.addAndGet(batch);
                return EventBatchHandler.done();
            }
        }));
        TreeBuilding building = null;
        List<Long> lag = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        try {
            if (tree) {
                // as the service wires it: the tree's processor reads the engine's raw commits
                building = new TreeBuilding(
                        store,
                        signer,
                        TreeBuilding.Settings.defaults(),
                        Clock.systemUTC(),
                        checkpoint -> {},
                        engine.rawCommits());
                building.registerWith(processors);
            }
            // the same sampling in both runs, so that its queries cost both alike
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    long head = engine.createHeadToken().position().orElse(0);
                    long signed = store.checkpoints()
                            .latest()
                            .map(c -> c.checkpoint().size())
                            .orElse(0L);
                    synchronized (lag) {
                        lag.add(Math.max(0, head - signed));
                    }
                    sleep(50);
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            CommandGateway gateway = axon.commandGateway();
            long cpuBefore = processCpuNanos();
            long commandsBefore = commands.get();
            double perSecond = timed(
                    threads,
                    seconds,
                    () -> gateway.sendAndWait(new Register(
                            "client-" + UUID.randomUUID(),
                            1 + ThreadLocalRandom.current().nextInt(3))));
            sampling.set(false);
            long cpu = processCpuNanos() - cpuBefore;
            long done = commands.get() - commandsBefore;
            long catchUp = 0;
            if (building != null) {
                long head = engine.createHeadToken().position().orElse(0);
                long started = System.nanoTime();
                while (building.size() < head) {
                    sleep(5);
                }
                catchUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }
            synchronized (lag) {
                return new CommandRun(perSecond, cpu / 1e3 / Math.max(1, done), new ArrayList<>(lag), catchUp);
            }
        } finally {
            sampling.set(false);
            processors.close();
            if (building != null) {
                building.close();
            }
            axon.shutdown();
            database.drop();
        }
    }

    // ---- 2. a large store: proofs and verification ----

    private void largeStore(MongoClient mongo, int events) throws Exception {
        int fillThreads = option("fill-threads", 4);
        System.out.printf(
                Locale.ROOT,
                "%n2. A store of %,d events (commits of 1-3, ~0.5 KB payloads) appended from %d threads while the tree's "
                        + "processor builds the tree%n",
                events,
                fillThreads);
        MongoDatabase database = mongo.getDatabase(TestMongo.freshDatabaseName("bench_log_large"));
        MongoCommitStorageEngine engine = engine(database);
        org.axonframework.eventsourcing.eventstore.EmbeddedEventStore eventStore =
                org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        .build();
        LogStore store = LogStore.on(database);
        List<Long> checkpointLag = new ArrayList<>();
        List<Long> treeLag = new ArrayList<>();
        long filledAt;
        try (EventProcessors processors = EventProcessors.running(eventStore, new InMemoryTokenStore());
                TreeBuilding building = new TreeBuilding(
                        store,
                        signer,
                        TreeBuilding.Settings.defaults(),
                        Clock.systemUTC(),
                        checkpoint -> {},
                        engine.rawCommits())) {
            building.registerWith(processors);
            AtomicBoolean filling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (filling.get()) {
                    long head = engine.createHeadToken().position().orElse(0);
                    long signed = store.checkpoints()
                            .latest()
                            .map(c -> c.checkpoint().size())
                            .orElse(0L);
                    checkpointLag.add(Math.max(0, head - signed));
                    treeLag.add(Math.max(0, head - store.tree().size()));
                    sleep(200);
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long started = System.nanoTime();
            long stored = fill(engine, events, fillThreads);
            double fillSeconds = (System.nanoTime() - started) / 1e9;
            filling.set(false);
            sampler.join();
            long head = engine.createHeadToken().position().orElse(0);
            while (building.size() < head) {
                sleep(20);
            }
            double treeSeconds = (System.nanoTime() - started) / 1e9;
            building.checkpoint();
            filledAt = head;
            System.out.printf(
                    Locale.ROOT,
                    "  filled %,d events in %.1f s (%,.0f events/s); the tree held all of them %.1f s after the start%n",
                    stored,
                    fillSeconds,
                    stored / fillSeconds,
                    treeSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "  RESULT under that load (every 200 ms): checkpoint lag p50 %,d p99 %,d max %,d events; "
                            + "tree lag p50 %,d p99 %,d max %,d events%n",
                    percentile(checkpointLag, 50),
                    percentile(checkpointLag, 99),
                    percentile(checkpointLag, 100),
                    percentile(treeLag, 50),
                    percentile(treeLag, 99),
                    percentile(treeLag, 100));
        } finally {
            eventStore.shutDown();
        }
        System.gc();

        int samples = option("samples", 2000);
        LogAudit audit = new LogAudit(store, signer.key());
        SignedCheckpoint latest = audit.latest();
        long size = latest.checkpoint().size();
        for (int i = 0; i < 200; i++) {
            audit.inclusion(1 + ThreadLocalRandom.current().nextLong(size), size);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long position = 1 + ThreadLocalRandom.current().nextLong(size);
            long start = System.nanoTime();
            LogAudit.Inclusion inclusion = audit.inclusion(position, size);
            nanos[i] = System.nanoTime() - start;
            if (inclusion.proofText().isEmpty()) {
                throw new IllegalStateException("no checkpoint at " + size);
            }
        }
        Arrays.sort(nanos);
        double p50 = nanos[samples / 2] / 1e6;
        double p99 = nanos[(int) (samples * 0.99)] / 1e6;
        System.out.printf(
                Locale.ROOT,
                "  RESULT inclusion proof (as the API computes it: size check, audit path, root, checkpoint) at %,d events, "
                        + "%,d random positions: p50 %.2f ms, p99 %.2f ms; target p50 < 5 ms: %s%n",
                size,
                samples,
                p50,
                p99,
                p50 < 5 ? "met" : "NOT met");

        int scanRounds = option("scan-rounds", 3);
        List<Double> verifyRates = new ArrayList<>();
        List<Double> scanRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        LogVerifier verifier = new LogVerifier(store, signer.key());
        MongoCollection<RawBsonDocument> commits = database.getCollection("event_commits", RawBsonDocument.class);
        for (int round = 0; round <= scanRounds; round++) {
            boolean verifyFirst = round % 2 == 0;
            double a = verifyFirst ? verifyRate(verifier, latest) : scanRate(commits);
            double b = verifyFirst ? scanRate(commits) : verifyRate(verifier, latest);
            double verify = verifyFirst ? a : b;
            double scan = verifyFirst ? b : a;
            System.out.printf(
                    Locale.ROOT,
                    "  %s: verification %,.0f events/s, raw scan %,.0f events/s, ratio %.2f%n",
                    round == 0 ? "warm-up" : "round " + round,
                    verify,
                    scan,
                    verify / scan);
            if (round > 0) {
                verifyRates.add(verify);
                scanRates.add(scan);
                ratios.add(verify / scan);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  RESULT full verification of %,d events: median %,.0f events/s (%.1f s); raw driver scan median %,.0f events/s; "
                        + "ratio median %.2f (rounds %.2f-%.2f), target >= 0.5: %s%n",
                filledAt,
                median(verifyRates),
                filledAt / median(verifyRates),
                median(scanRates),
                median(ratios),
                min(ratios),
                max(ratios),
                median(ratios) >= 0.5 ? "met" : "NOT met");
        database.drop();
    }

    private static double verifyRate(LogVerifier verifier, SignedCheckpoint checkpoint) {
        long start = System.nanoTime();
        VerificationReport report = verifier.verify(checkpoint);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!report.verified()) {
            throw new IllegalStateException(report.toString());
        }
        return checkpoint.checkpoint().size() / seconds;
    }

    /** Every commit document read with the plain driver, in batches of 1000, each event counted. */
    private static double scanRate(MongoCollection<RawBsonDocument> commits) {
        long start = System.nanoTime();
        long events = 0;
        for (RawBsonDocument commit : commits.find().batchSize(1000)) {
            events += commit.getArray("events").size();
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private long fill(MongoCommitStorageEngine engine, int events, int threads) throws Exception {
        AtomicLong stored = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (stored.get() < events) {
                    String id = "client-" + UUID.randomUUID();
                    int count = 1 + ThreadLocalRandom.current().nextInt(3);
                    List<DomainEventMessage<?>> commit = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        commit.add(new GenericDomainEventMessage<>("BenchRecord", id, i, new Noted(id, TEXT)));
                    }
                    engine.appendEvents(commit);
                    stored.addAndGet(count);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return stored.get();
    }

    private MongoCommitStorageEngine engine(MongoDatabase database) {
        return MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    /** Commands completed by {@link #timed}, for the CPU time per command. */
    private static final AtomicLong commands = new AtomicLong();

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double timed(int threads, int seconds, Runnable action) {
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
                    commands.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * percent / 100.0) - 1);
        return sorted[Math.max(0, index)];
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A client's record as the benchmark drives it: registered with a few events. */
    public static class BenchRecord {

        @AggregateIdentifier
        private String id;

        public BenchRecord() {}

        @CommandHandler
        public BenchRecord(Register command) {
            for (int i = 0; i < command.events(); i++) {
                apply(new Noted(command.client(), TEXT));
            }
        }

        @EventSourcingHandler
        void on(Noted event) {
            this.id = event.client();
        }
    }

    public record Register(@TargetAggregateIdentifier String client, int events) {}

    public record Noted(String client, String text) {}
}
