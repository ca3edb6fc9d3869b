package org.smpledger.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.bson.BsonDocument;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.smpledger.embedded.testing.DelayingProxy;
import org.smpledger.eventstore.MongoCommitStorageEngine;

/**
 * Our {@link MongoCommitStorageEngine} measured side by side with its baselines on one embedded
 * (in-memory) MongoDB server, in one run, in interleaved rounds (each round measures every
 * contender once, the order reversed from one round to the next); targets are judged on the
 * medians over the rounds. Sections (option {@code --sections}):
 * <ul>
 *   <li>{@code latency}: through a {@link DelayingProxy} that adds a round trip of
 *       {@code --round-trip-ms} (half each way), {@code --writers} threads: group commit against one
 *       commit per round trip (today's engine) and against raw {@code insertOne};</li>
 *   <li>{@code direct}: no injected latency, {@code --threads} threads: engine appends against raw
 *       {@code insertOne} of the same documents, commands against axon-mongo's engine;</li>
 *   <li>{@code load}: aggregate loads (and processor batches) in a store of {@code --small} and one of
 *       {@code --large} events, both present, measured in alternating rounds.</li>
 * </ul>
 */
public final class EventStoreBenchmark {

    record Settings(
            int small,
            int large,
            int rounds,
            int warmup,
            int seconds,
            int commandSeconds,
            int threads,
            int writers,
            double roundTripMillis,
            int fillThreads,
            int samples,
            int existing,
            Set<String> sections,
            boolean axonLarge) {

        static Settings parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            for (String arg : args) {
                String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
            Settings settings = new Settings(
                    Integer.parseInt(options.getOrDefault("small", "10000")),
                    Integer.parseInt(options.getOrDefault("large", "1000000")),
                    Integer.parseInt(options.getOrDefault("rounds", "5")),
                    Integer.parseInt(options.getOrDefault("warmup", "1")),
                    Integer.parseInt(options.getOrDefault("seconds", "3")),
                    Integer.parseInt(options.getOrDefault("command-seconds", "6")),
                    Integer.parseInt(options.getOrDefault("threads", "2")),
                    Integer.parseInt(options.getOrDefault("writers", "16")),
                    Double.parseDouble(options.getOrDefault("round-trip-ms", "2")),
                    Integer.parseInt(options.getOrDefault("fill-threads", "8")),
                    Integer.parseInt(options.getOrDefault("samples", "500")),
                    Integer.parseInt(options.getOrDefault("existing", "500")),
                    new LinkedHashSet<>(Arrays.asList(options.getOrDefault("sections", "latency,direct,load")
                            .split(","))),
                    Boolean.parseBoolean(options.getOrDefault("axon-large", "false")));
            if (settings.rounds() < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            return settings;
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final Workload workload = new Workload();
    private final Figures figures = new Figures();
    private final AtomicInteger databases = new AtomicInteger();

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
                "Event store benchmark %s: %s%n  %d cores, max heap %d MB, java %s, load average %s%n",
                Instant.now(),
                settings,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                loadAverage());
        Duration oneWay = Duration.ofNanos(Math.round(settings.roundTripMillis() * 1e6 / 2));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                DelayingProxy proxy = DelayingProxy.start(new InetSocketAddress("127.0.0.1", server.port()), oneWay);
                MongoClient direct = MongoClients.create(server.connectionString());
                MongoClient delayed = MongoClients.create(MongoClientSettings.builder()
                        .applyConnectionString(
                                new ConnectionString("mongodb://127.0.0.1:" + proxy.port() + "/?directConnection=true"))
                        .build())) {
            MongoDatabase scratch = fresh(direct, "templates");
            List<BsonDocument> templates = workload.commitTemplates(scratch);
            scratch.drop();
            if (settings.sections().contains("latency")) {
                latencySection(delayed, templates);
            }
            if (settings.sections().contains("direct")) {
                directSection(direct, templates);
            }
            if (settings.sections().contains("load")) {
                loadSection(direct);
            }
        }
        report();
    }

    // ------------------------------------------------------------------ sections

    private void latencySection(MongoClient delayed, List<BsonDocument> templates) {
        int w = settings.writers();
        section(String.format(
                Locale.ROOT,
                "%.1f ms round trip added by the proxy, %d writers (measured: %.2f ms per ping)",
                settings.roundTripMillis(),
                w,
                pingMillis(delayed)));
        List<Slot> slots = List.of(
                new Slot(
                        "lat.appends.group",
                        "group-commit appends/s",
                        s -> workload.appends(workload.ours(fresh(delayed, "lat_group"), true), w, s)),
                new Slot(
                        "lat.raw",
                        "raw insertOne/s",
                        s -> workload.rawInserts(templates, fresh(delayed, "lat_raw"), w, s)),
                new Slot(
                        "lat.appends.single",
                        "one-per-round-trip appends/s",
                        s -> workload.appends(workload.ours(fresh(delayed, "lat_single"), false), w, s)),
                new Slot(
                        "lat.commands.group",
                        "group-commit commands/s",
                        s -> commands(workload.ours(fresh(delayed, "lat_cmd_group"), true), true, w, s)),
                new Slot(
                        "lat.commands.single",
                        "one-per-round-trip commands/s",
                        s -> commands(workload.ours(fresh(delayed, "lat_cmd_single"), false), true, w, s)));
        runRounds(slots, delayed);
    }

    private void directSection(MongoClient direct, List<BsonDocument> templates) {
        int t = settings.threads();
        int w = settings.writers();
        section(String.format(
                Locale.ROOT, "no injected latency: appends with %d and %d writers, commands with %d", t, w, t));
        List<Slot> slots = List.of(
                new Slot(
                        "direct.appends.few",
                        "engine appends/s (" + t + ")",
                        s -> workload.appends(workload.ours(fresh(direct, "appends"), true), t, s)),
                new Slot(
                        "direct.raw.few",
                        "raw insertOne/s (" + t + ")",
                        s -> workload.rawInserts(templates, fresh(direct, "raw"), t, s)),
                new Slot(
                        "direct.appends",
                        "engine appends/s (" + w + ")",
                        s -> workload.appends(workload.ours(fresh(direct, "appends"), true), w, s)),
                new Slot(
                        "direct.raw",
                        "raw insertOne/s (" + w + ")",
                        s -> workload.rawInserts(templates, fresh(direct, "raw"), w, s)),
                new Slot(
                        "direct.commands.new.ours",
                        "commands/s new streams, ours",
                        s -> commands(workload.ours(fresh(direct, "cmd_new_ours"), true), true, t, s)),
                new Slot(
                        "direct.commands.new.axon",
                        "commands/s new streams, axon-mongo",
                        s -> commands(axonMongo(fresh(direct, "cmd_new_axon")), true, t, s)),
                new Slot(
                        "direct.commands.existing.ours",
                        "commands/s existing streams, ours",
                        s -> commands(workload.ours(fresh(direct, "cmd_existing_ours"), true), false, t, s)),
                new Slot(
                        "direct.commands.existing.axon",
                        "commands/s existing streams, axon-mongo",
                        s -> commands(axonMongo(fresh(direct, "cmd_existing_axon")), false, t, s)));
        runRounds(slots, direct);
    }

    private void loadSection(MongoClient direct) {
        section(String.format(
                Locale.ROOT,
                "aggregate loads, stores of %,d and %,d events (filled by %d threads), %d samples per round",
                settings.small(),
                settings.large(),
                settings.fillThreads(),
                settings.samples()));
        Map<Integer, Store> stores = new HashMap<>();
        for (int size : new int[] {settings.small(), settings.large()}) {
            MongoDatabase database = fresh(direct, "store_" + size);
            MongoCommitStorageEngine engine = workload.ours(database, true);
            long start = System.nanoTime();
            int streams = workload.fill(engine, size, settings.fillThreads());
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.add("fill." + size, seconds);
            out.printf(Locale.ROOT, "  stored %,d events in %.1f s (%,.0f events/s)%n", size, seconds, size / seconds);
            stores.put(size, new Store(engine, workload.oursReadingBatchesOf100(database), streams, size));
        }
        fullGc();
        Store small = stores.get(settings.small());
        Store large = stores.get(settings.large());
        for (Store store : List.of(small, large)) { // warm-up, not counted
            workload.loadMillis(store.engine(), store.streams(), settings.samples());
            workload.batchMillis(store.batches(), Workload.randomPositions(store.size(), 20));
        }
        // Sample by sample, alternating which store goes first: both see the machine as it is at that moment.
        int n = settings.samples();
        for (int round = 1; round <= settings.rounds(); round++) {
            long[][] loads = new long[2][n];
            long[][] batches = new long[2][n];
            List<TrackingToken> smallTokens = Workload.randomPositions(small.size(), n);
            List<TrackingToken> largeTokens = Workload.randomPositions(large.size(), n);
            for (int i = 0; i < n; i++) {
                boolean smallFirst = i % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean isSmall = (k == 0) == smallFirst;
                    Store store = isSmall ? small : large;
                    loads[isSmall ? 0 : 1][i] = workload.loadNanos(store.engine(), store.streams());
                    batches[isSmall ? 0 : 1][i] =
                            workload.batchNanos(store.batches(), (isSmall ? smallTokens : largeTokens).get(i));
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", round));
            for (int k = 0; k < 2; k++) {
                int size = k == 0 ? small.size() : large.size();
                double load = Figures.medianOf(loads[k]) / 1e6;
                double batch = Figures.medianOf(batches[k]) / 1e6;
                figures.add("load." + size, load);
                figures.add("batch." + size, batch);
                line.append(String.format(
                        Locale.ROOT, " | @%,d load p50 %.3f ms, batch (100) p50 %.3f ms", size, load, batch));
            }
            out.println(line);
        }
        out.printf(Locale.ROOT, "  GC so far: %s; load average %s%n", gcSummary(), loadAverage());
        axonMongoLoads(direct, settings.small());
        if (settings.axonLarge()) {
            axonMongoLoads(direct, settings.large());
        }
    }

    private record Store(
            BatchingEventStorageEngine engine, BatchingEventStorageEngine batches, int streams, int size) {}

    /** axon-mongo's engine on the same workload, for context (one round, few samples at large sizes). */
    private void axonMongoLoads(MongoClient direct, int size) {
        MongoDatabase database = fresh(direct, "axon_store_" + size);
        BatchingEventStorageEngine engine = axonMongo(database);
        Instant from = Instant.now();
        int streams = workload.fill(engine, size, settings.fillThreads());
        Instant to = Instant.now();
        int samples = size > 100_000 ? 5 : Math.min(50, settings.samples());
        workload.loadMillis(engine, streams, Math.min(samples, 20));
        double load = workload.loadMillis(engine, streams, samples);
        double batch = workload.batchMillis(engine, Workload.middleOf(engine, from, to, samples));
        figures.add("axon.load." + size, load);
        figures.add("axon.batch." + size, batch);
        out.printf(
                Locale.ROOT,
                "  axon-mongo @%,d (filled in %.1f s): load p50 %.3f ms, batch (100) p50 %.3f ms%n",
                size,
                Duration.between(from, to).toMillis() / 1e3,
                load,
                batch);
        database.drop();
    }

    // ------------------------------------------------------------------ rounds

    /**
     * One contender of a section, measured once per round for {@code --seconds}, or for
     * {@code --command-seconds} (6) when it runs commands with a processor (axon-mongo's processor slows
     * down as its store grows, so the length of the run matters there).
     */
    private record Slot(String measure, String label, Measurement measurement) {
        boolean commands() {
            return measure.contains("commands");
        }
    }

    private interface Measurement {
        double run(int seconds);
    }

    private void runRounds(List<Slot> slots, MongoClient client) {
        for (int round = 1 - settings.warmup(); round <= settings.rounds(); round++) {
            boolean warmup = round < 1;
            List<Slot> order = new ArrayList<>(slots);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            StringBuilder line =
                    new StringBuilder(warmup ? "  warm-up:" : String.format(Locale.ROOT, "  round %d:", round));
            for (Slot slot : order) {
                double value = slot.measurement()
                        .run(warmup || !slot.commands() ? settings.seconds() : settings.commandSeconds());
                if (!warmup) {
                    figures.add(slot.measure(), value);
                }
                line.append(String.format(Locale.ROOT, " | %s %.0f", slot.label(), value));
                dropBenchDatabases(client);
            }
            out.println(line);
        }
        out.printf(Locale.ROOT, "  GC so far: %s; load average %s%n", gcSummary(), loadAverage());
    }

    private double commands(BatchingEventStorageEngine engine, boolean newStreams, int writers, int seconds) {
        Workload.CommandRun run = workload.commands(engine, newStreams ? 0 : settings.existing(), writers, seconds);
        if (run.handled() < run.appended()) {
            out.printf(
                    Locale.ROOT,
                    "  (the processor handled %,d of %,d events within 60 s)%n",
                    run.handled(),
                    run.appended());
        }
        return run.perSecond();
    }

    // ------------------------------------------------------------------ report

    private void report() {
        String lat = String.format(
                Locale.ROOT, "%s ms RTT, %d writers", trim(settings.roundTripMillis()), settings.writers());
        String rtt = String.format(Locale.ROOT, "%s ms RTT", trim(settings.roundTripMillis()));
        out.println();
        out.println("| measure | median | min | max | spread (max-min)/median |");
        out.println("|---|---|---|---|---|");
        row("lat.appends.group", lat + ": engine appends/s, group commit");
        row("lat.appends.single", lat + ": engine appends/s, one commit per round trip");
        row("lat.raw", lat + ": raw insertOne/s of the same documents");
        row("lat.commands.group", lat + ": commands/s (new streams), group commit");
        row("lat.commands.single", lat + ": commands/s (new streams), one commit per round trip");
        String few = String.format(Locale.ROOT, "no added latency, %d writers", settings.threads());
        String many = String.format(Locale.ROOT, "no added latency, %d writers", settings.writers());
        row("direct.appends", many + ": engine appends/s");
        row("direct.raw", many + ": raw insertOne/s of the same documents");
        row("direct.appends.few", few + ": engine appends/s");
        row("direct.raw.few", few + ": raw insertOne/s of the same documents");
        row("direct.commands.new.ours", few + ": commands/s new streams, ours");
        row("direct.commands.new.axon", few + ": commands/s new streams, axon-mongo");
        row("direct.commands.existing.ours", few + ": commands/s existing streams, ours");
        row("direct.commands.existing.axon", few + ": commands/s existing streams, axon-mongo");
        for (int size : new int[] {settings.small(), settings.large()}) {
            row("load." + size, String.format(Locale.ROOT, "aggregate load p50 ms @ %,d events", size));
        }
        for (int size : new int[] {settings.small(), settings.large()}) {
            row("batch." + size, String.format(Locale.ROOT, "processor batch (100) p50 ms @ %,d events", size));
        }
        row("axon.load." + settings.small(), "axon-mongo aggregate load p50 ms @ " + settings.small());
        row("axon.batch." + settings.small(), "axon-mongo processor batch (100) p50 ms @ " + settings.small());
        row("axon.load." + settings.large(), "axon-mongo aggregate load p50 ms @ " + settings.large());
        row("axon.batch." + settings.large(), "axon-mongo processor batch (100) p50 ms @ " + settings.large());
        for (int size : new int[] {settings.small(), settings.large()}) {
            row("fill." + size, String.format(Locale.ROOT, "fill time s, %,d events", size));
        }

        out.println();
        out.println("| target | median ratio | per-round ratios | result |");
        out.println("|---|---|---|---|");
        atLeast("lat.appends.group", "lat.appends.single", 5, rtt + ": group-commit appends >= 5x one per round trip");
        atLeast(
                "lat.commands.group",
                "lat.commands.single",
                5,
                rtt + ": group-commit commands >= 5x one per round trip");
        atLeast(
                "lat.appends.group",
                "lat.raw",
                0.5,
                rtt + ": group-commit appends >= 0.5x raw insertOne (" + settings.writers() + " threads)");
        atLeast(
                "lat.commands.group",
                "lat.raw",
                0.5,
                rtt + ": group-commit commands >= 0.5x raw insertOne (" + settings.writers() + " threads)");
        atLeast("direct.appends", "direct.raw", 0.5, many + ": engine appends >= 0.5x raw insertOne");
        atLeast(
                "direct.commands.new.ours",
                "direct.commands.new.axon",
                4,
                few + ": commands >= 4x axon-mongo, new streams");
        atLeast(
                "direct.commands.existing.ours",
                "direct.commands.existing.axon",
                4,
                few + ": commands >= 4x axon-mongo, existing streams");
        reported(
                "direct.appends.few",
                "direct.raw.few",
                few + ": engine appends / raw insertOne (one write in flight per engine)");
        reported("direct.commands.new.ours", "direct.raw.few", few + ": commands (new streams) / raw insertOne");
        String small = "load." + settings.small();
        String large = "load." + settings.large();
        if (figures.has(small) && figures.has(large)) {
            double ratio = figures.median(large) / figures.median(small);
            out.printf(
                    Locale.ROOT,
                    "| aggregate load p50 @ %,d within 1.5x of @ %,d | %.2fx | %s | %s |%n",
                    settings.large(),
                    settings.small(),
                    ratio,
                    range(figures.ratios(large, small)),
                    ratio <= 1.5 ? "PASS" : "FAIL");
        }
    }

    private void row(String measure, String name) {
        if (!figures.has(measure)) {
            return;
        }
        String format = measure.startsWith("load") || measure.startsWith("batch") || measure.startsWith("axon.")
                ? "%.3f"
                : measure.startsWith("fill") ? "%.1f" : "%.0f";
        out.printf(
                Locale.ROOT,
                "| %s | " + format + " | " + format + " | " + format + " | %.0f%% |%n",
                name,
                figures.median(measure),
                figures.min(measure),
                figures.max(measure),
                100 * figures.spread(measure));
    }

    private void atLeast(String ours, String baseline, double target, String name) {
        if (!figures.has(ours) || !figures.has(baseline)) {
            return;
        }
        double ratio = figures.median(ours) / figures.median(baseline);
        out.printf(
                Locale.ROOT,
                "| %s | %.2fx | %s | %s |%n",
                name,
                ratio,
                range(figures.ratios(ours, baseline)),
                ratio >= target ? "PASS" : "FAIL");
    }

    /** A ratio printed for context, without a target. */
    private void reported(String ours, String baseline, String name) {
        if (!figures.has(ours) || !figures.has(baseline)) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "| %s | %.2fx | %s | (reported) |%n",
                name,
                figures.median(ours) / figures.median(baseline),
                range(figures.ratios(ours, baseline)));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String range(List<Double> ratios) {
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.2f-%.2fx", min, max);
    }

    // ------------------------------------------------------------------ helpers

    private MongoDatabase fresh(MongoClient client, String purpose) {
        return client.getDatabase("bench_" + purpose + "_" + databases.incrementAndGet());
    }

    private BatchingEventStorageEngine axonMongo(MongoDatabase database) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(workload.serializer())
                .snapshotSerializer(workload.serializer())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** Drops the databases of the slot just measured, so every slot starts on an empty store. */
    private static void dropBenchDatabases(MongoClient client) {
        for (String name : client.listDatabaseNames()) {
            if (name.startsWith("bench_")) {
                client.getDatabase(name).drop();
            }
        }
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private static double pingMillis(MongoClient client) {
        MongoDatabase admin = client.getDatabase("admin");
        admin.runCommand(new org.bson.Document("ping", 1));
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            admin.runCommand(new org.bson.Document("ping", 1));
            nanos[i] = System.nanoTime() - start;
        }
        return Figures.medianOf(nanos) / 1e6;
    }

    /** One full collection after the fill, so that no concurrent marking of the new data runs during the rounds. */
    private static void fullGc() {
        System.gc();
    }

    private static String gcSummary() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return String.format(Locale.ROOT, "%d collections, %.1f s", count, millis / 1e3);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
