package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * The analyst tool's benchmark (docs/performance.md, "Analyst's command line"): N events on the
 * embedded MongoDB server (memory backend, in this JVM), then, in rounds, each measured in a JVM of
 * its own with {@code -Xmx256m}: a raw driver scan of the commit documents, {@code smp export} as
 * NDJSON, CSV and Parquet (stdout discarded), and {@code smp sql} (load time, and one aggregate
 * query's time). Prints every round and the medians, the NDJSON/raw rate ratio and peak heaps.
 * <p>
 * {@code java -Xmx8g -cp "$CP" org.smpledger.cli.ExportBenchmark [events] [rounds]} (defaults 1000000, 3).
 */
public final class ExportBenchmark {

    private static final String QUERY = "SELECT clinic_id, w.zone, count(*) AS sessions,"
            + " round(avg(w.densityAddedFraction), 3) AS mean_added"
            + " FROM (SELECT clinic_id, unnest(zoneWork) AS w FROM session_completed) GROUP BY ALL ORDER BY ALL";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("smp_ledger");
            long seeding = System.nanoTime();
            seed(database, events);
            System.out.printf(
                    "seeded %d events (one per commit) in %.1f s; %d commit documents%n",
                    events,
                    (System.nanoTime() - seeding) / 1e9,
                    database.getCollection("event_commits").countDocuments());
            String uri = server.connectionString();
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                measure(results, "raw scan", List.of("raw", uri, "smp_ledger"), events, round);
                for (String format : List.of("ndjson", "csv", "parquet")) {
                    measure(
                            results,
                            "export " + format,
                            List.of(
                                    "smp",
                                    "export",
                                    "--format",
                                    format,
                                    "--mongodb-uri",
                                    uri,
                                    "--database",
                                    "smp_ledger",
                                    "--output",
                                    format.equals("parquet") ? tempFile(".parquet") : "-"),
                            events,
                            round);
                }
                measureSql(results, uri, round);
            }
            summary(results, events);
        }
    }

    private static String tempFile(String suffix) throws IOException {
        Path file = Files.createTempFile("smp-bench-", suffix);
        file.toFile().deleteOnExit();
        return file.toString();
    }

    private static void measure(
            Map<String, List<double[]>> results, String name, List<String> args, int events, int round)
            throws Exception {
        Child child = child(args);
        double rate = events / child.seconds;
        results.computeIfAbsent(name, n -> new ArrayList<>()).add(new double[] {rate, child.seconds, child.peakHeap});
        System.out.printf(
                "round %d  %-14s %8.1f s  %9.0f events/s  peak heap %5.1f MB%n",
                round, name, child.seconds, rate, child.peakHeap / 1048576.0);
    }

    private static void measureSql(Map<String, List<double[]>> results, String uri, int round) throws Exception {
        Child child = child(List.of("smp", "sql", QUERY, "--timer", "--mongodb-uri", uri, "--database", "smp_ledger"));
        Matcher load = Pattern.compile("loaded (\\d+) events into DuckDB in ([\\d.]+) s")
                .matcher(child.err);
        Matcher query = Pattern.compile("query took ([\\d.]+) ms").matcher(child.err);
        if (!load.find() || !query.find()) {
            throw new IllegalStateException("sql printed no timings: " + child.err);
        }
        double loadSeconds = Double.parseDouble(load.group(2));
        double queryMillis = Double.parseDouble(query.group(1));
        results.computeIfAbsent("sql load", n -> new ArrayList<>()).add(new double[] {loadSeconds, 0, child.peakHeap});
        results.computeIfAbsent("sql query", n -> new ArrayList<>()).add(new double[] {queryMillis, 0, 0});
        System.out.printf(
                "round %d  sql            load %.1f s, aggregate query %.1f ms  peak heap %5.1f MB%n",
                round, loadSeconds, queryMillis, child.peakHeap / 1048576.0);
    }

    private record Child(double seconds, long peakHeap, String err) {}

    private static Child child(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                MeasuredRun.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        StringBuilder err = new StringBuilder();
        Thread errors = new Thread(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> err.append(line).append('\n'));
            } catch (IOException ignored) {
                // the child ended
            }
        });
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = process.waitFor();
        errors.join();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + err);
        }
        String[] figures = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        return new Child(Double.parseDouble(figures[1]), Long.parseLong(figures[2]), err.toString());
    }

    private static void summary(Map<String, List<double[]>> results, int events) {
        System.out.println();
        System.out.printf(
                "medians over %d rounds (min-max), %d events:%n",
                results.get("raw scan").size(), events);
        double raw = median(results.get("raw scan"), 0);
        for (Map.Entry<String, List<double[]>> result : results.entrySet()) {
            List<double[]> runs = result.getValue();
            String name = result.getKey();
            if (name.equals("sql query")) {
                System.out.printf("  %-14s %9.1f ms (%.1f-%.1f)%n", name, median(runs, 0), min(runs, 0), max(runs, 0));
            } else if (name.equals("sql load")) {
                System.out.printf(
                        "  %-14s %9.1f s  (%.1f-%.1f)   peak heap %.1f MB%n",
                        name, median(runs, 0), min(runs, 0), max(runs, 0), max(runs, 2) / 1048576.0);
            } else {
                System.out.printf(
                        "  %-14s %9.0f events/s (%.0f-%.0f)  %.2fx raw scan   peak heap %.1f MB (max)%n",
                        name,
                        median(runs, 0),
                        min(runs, 0),
                        max(runs, 0),
                        median(runs, 0) / raw,
                        max(runs, 2) / 1048576.0);
            }
        }
        double ratio = median(results.get("export ndjson"), 0) / raw;
        double heap = results.values().stream()
                .flatMap(List::stream)
                .mapToDouble(r -> r[2])
                .max()
                .orElse(0);
        System.out.printf(
                "target NDJSON >= 0.5x raw scan: %.2fx %s; heap < 256 MB: %.1f MB %s%n",
                ratio, ratio >= 0.5 ? "MET" : "NOT MET", heap / 1048576.0, heap < 256 * 1048576.0 ? "MET" : "NOT MET");
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static double min(List<double[]> runs, int index) {
        return runs.stream().mapToDouble(r -> r[index]).min().orElse(0);
    }

    private static double max(List<double[]> runs, int index) {
        return runs.stream().mapToDouble(r -> r[index]).max().orElse(0);
    }

    /** Clients going through a course: registration, consent, patch test, sessions with aftercare and healing checks. */
    private static void seed(MongoDatabase database, int events) throws Exception {
        JsonEventSerializer serializer = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int share = events / threads + (t < events % threads ? 1 : 0);
            work.add(pool.submit(() -> {
                int written = 0;
                int clientNumber = 0;
                while (written < share) {
                    List<SmpEvent> course = course("client-" + thread + "-" + clientNumber++, clientNumber);
                    for (int i = 0; i < course.size() && written < share; i++, written++) {
                        engine.appendEvents(List.of(message(course.get(i), i, thread)));
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
    }

    private static EventMessage<?> message(SmpEvent event, long sequence, int thread) {
        Instant at = Instant.parse("2026-01-05T09:00:00Z").plus(Duration.ofMinutes(sequence * 997 + thread * 13L));
        Map<String, Object> metadata = Map.of(
                EventMetadata.CLINIC_ID,
                "clinic-" + (event.streamId().hashCode() & 7),
                EventMetadata.ACTOR_ID,
                "practitioner-" + (sequence % 5),
                EventMetadata.ACTOR_ROLE,
                "practitioner",
                EventMetadata.CORRELATION_ID,
                UUID.randomUUID().toString(),
                EventMetadata.CAUSATION_ID,
                UUID.randomUUID().toString(),
                EventMetadata.RECORDED_AT,
                at.toString());
        return new GenericDomainEventMessage<>(
                "TreatmentRecord",
                event.streamId(),
                sequence,
                event,
                metadata,
                UUID.randomUUID().toString(),
                at);
    }

    static List<SmpEvent> course(String clientId, int number) {
        Instant start = Instant.parse("2026-01-05T09:00:00Z").plus(Duration.ofHours(number % 5000));
        List<SmpEvent> events = new ArrayList<>();
        events.add(new ClientRegistered(
                clientId,
                "clinic-" + (clientId.hashCode() & 7),
                new PersonalDetails(
                        "Client " + number,
                        LocalDate.of(1980, 1, 1).plusDays(number % 9000),
                        "c" + number + "@example.org",
                        null),
                start));
        events.add(
                new ConsentSigned(clientId, "consent-" + number, start, "v3", "doc://consent/" + number, "reception"));
        events.add(new PatchTestRecorded(
                clientId,
                "pt-" + number,
                "lot-" + (number % 40),
                "Inkline",
                "behind left ear",
                start,
                start.plus(Duration.ofHours(48)),
                PatchTestRecorded.Result.NEGATIVE,
                null,
                null,
                "practitioner-1"));
        for (int s = 1; s <= 4; s++) {
            Instant session = start.plus(Duration.ofDays(7L * s));
            String sessionId = "s-" + number + "-" + s;
            List<SessionCompleted.ZoneWork> work = new ArrayList<>();
            for (ScalpZone zone : Arrays.asList(ScalpZone.HAIRLINE, ScalpZone.CROWN, ScalpZone.MID_SCALP)) {
                work.add(new SessionCompleted.ZoneWork(
                        zone,
                        0.2,
                        null,
                        3,
                        0.25,
                        0.8,
                        List.of(new SessionCompleted.PigmentUse("lot-" + (number % 40), 20)),
                        "even coverage"));
            }
            events.add(new SessionCompleted(
                    clientId,
                    sessionId,
                    1,
                    s,
                    session,
                    session.plus(Duration.ofHours(3)),
                    "practitioner-1",
                    work,
                    null,
                    "client comfortable throughout",
                    null));
            events.add(new AftercareIssued(
                    clientId,
                    "ac-" + sessionId,
                    sessionId,
                    session.plus(Duration.ofHours(3)),
                    "practitioner-1",
                    List.of(
                            new AftercareIssued.Instruction(AftercareIssued.Restriction.NO_WETTING, 5),
                            new AftercareIssued.Instruction(AftercareIssued.Restriction.NO_GYM, 7),
                            new AftercareIssued.Instruction(AftercareIssued.Restriction.NO_SUN, 28)),
                    true));
            events.add(new HealingAssessed(
                    clientId,
                    "heal-" + sessionId,
                    sessionId,
                    session.plus(Duration.ofDays(6)),
                    "practitioner-1",
                    HealingAssessed.Outcome.AS_EXPECTED,
                    List.of(new HealingAssessed.ZoneObservation(
                            ScalpZone.CROWN, HealingAssessed.Observation.HEALED_WELL, null, null)),
                    null));
        }
        return events;
    }
}
