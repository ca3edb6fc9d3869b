package org.smpledger.personaldata;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * What encrypting personal data costs, measured side by side in one run on the embedded in-memory
 * MongoDB server: the production event store ({@code MongoCommitStorageEngine} in Axon's
 * {@code EmbeddedEventStore}) with the sealing serializer (encryption on) and with the plain JSON
 * serializer (off), each in its own database, in interleaved rounds (order reversed every round).
 * <ul>
 *   <li>command throughput: {@code --threads} threads each run what a command costs the store: load the
 *       client's stream (every event read back) and append one event with personal notes;</li>
 *   <li>aggregate load latency: one thread reads whole streams of a registered client's course (11
 *       events, 8 of them with personal values), p50 and p99.</li>
 * </ul>
 * Not a test: run it with the command in docs/performance.md ("Personal data encryption").
 * Arguments: rounds (default 5), seconds per measurement (5), threads (2), clients (400).
 */
public final class PersonalDataBenchmark {

    private record Store(String name, EmbeddedEventStore events, List<String> clients) {}

    /** Operations per second (wall clock) and CPU time of the measuring threads per operation, in microseconds. */
    private record Measured(double perSecond, double cpuMicros) {}

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        System.out.printf(
                "Personal data encryption benchmark: %d rounds x %d s, %d threads, %d clients per store, %d cores%n",
                rounds, seconds, threads, clients, Runtime.getRuntime().availableProcessors());
        try (MongoClient mongo = MongoClients.create(TestMongo.connectionString())) {
            JsonEventSerializer plain = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
            MongoDatabase onDatabase = mongo.getDatabase(TestMongo.freshDatabaseName("bench-on"));
            ClientKeys keys = new ClientKeys(
                    onDatabase,
                    LocalKeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])));
            Store on = store("on", onDatabase, new SealingSerializer(plain, keys), clients);
            Store off = store("off", mongo.getDatabase(TestMongo.freshDatabaseName("bench-off")), plain, clients);
            // warm-up: one short round each
            commands(on, threads, 2);
            commands(off, threads, 2);
            loads(on, 2);
            loads(off, 2);
            double[][] throughput = new double[2][rounds];
            double[][] commandCpu = new double[2][rounds];
            double[][] p50 = new double[2][rounds];
            double[][] p99 = new double[2][rounds];
            double[][] loadCpu = new double[2][rounds];
            for (int round = 0; round < rounds; round++) {
                List<Store> order = round % 2 == 0 ? List.of(on, off) : List.of(off, on);
                for (Store store : order) {
                    int i = store == on ? 0 : 1;
                    Measured measured = commands(store, threads, seconds);
                    throughput[i][round] = measured.perSecond();
                    commandCpu[i][round] = measured.cpuMicros();
                    double[] latency = loads(store, seconds);
                    p50[i][round] = latency[0];
                    p99[i][round] = latency[1];
                    loadCpu[i][round] = latency[2];
                }
                System.out.printf(
                        "round %d: commands/s on %.0f off %.0f, CPU us/command on %.0f off %.0f | load p50 ms on %.3f off %.3f,"
                                + " p99 on %.3f off %.3f, CPU us/load on %.0f off %.0f | load average %.1f%n",
                        round + 1,
                        throughput[0][round],
                        throughput[1][round],
                        commandCpu[0][round],
                        commandCpu[1][round],
                        p50[0][round],
                        p50[1][round],
                        p99[0][round],
                        p99[1][round],
                        loadCpu[0][round],
                        loadCpu[1][round],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            double[] timePerCommand = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                timePerCommand[round] = throughput[1][round] / throughput[0][round];
            }
            double commandRatio = median(timePerCommand);
            double loadRatio = median(ratios(p50));
            double commandCpuRatio = median(ratios(commandCpu));
            double loadCpuRatio = median(ratios(loadCpu));
            System.out.printf(
                    "commands/s: on median %.0f (min %.0f, max %.0f), off median %.0f (min %.0f, max %.0f)%n",
                    median(throughput[0]),
                    min(throughput[0]),
                    max(throughput[0]),
                    median(throughput[1]),
                    min(throughput[1]),
                    max(throughput[1]));
            System.out.printf(
                    "aggregate load p50 ms: on median %.3f, off median %.3f; p99 ms: on %.3f, off %.3f%n",
                    median(p50[0]), median(p50[1]), median(p99[0]), median(p99[1]));
            System.out.printf(
                    "on/off, median of the per-round ratios: time per command %.3f (rounds %s), aggregate load p50 %.3f (rounds %s)%n",
                    commandRatio,
                    Arrays.toString(rounded(timePerCommand)),
                    loadRatio,
                    Arrays.toString(rounded(ratios(p50))));
            System.out.printf(
                    "on/off CPU of the calling threads, median of the per-round ratios: per command %.3f (on %.0f us, off %.0f us),"
                            + " per aggregate load %.3f (on %.0f us, off %.0f us)%n",
                    commandCpuRatio,
                    median(commandCpu[0]),
                    median(commandCpu[1]),
                    loadCpuRatio,
                    median(loadCpu[0]),
                    median(loadCpu[1]));
            System.out.printf(
                    "target (within 1.15x): wall clock: commands %s, aggregate load %s; CPU: commands %s, aggregate load %s%n",
                    verdict(commandRatio), verdict(loadRatio), verdict(commandCpuRatio), verdict(loadCpuRatio));
        }
        System.exit(0);
    }

    private static Store store(String name, MongoDatabase database, Serializer serializer, int clients) {
        MongoCommitStorageEngine engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        EmbeddedEventStore events =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String clientId = "client-" + name + "-" + i;
            List<TreatmentRecordEvent> course = course(clientId);
            List<DomainEventMessage<?>> messages = new ArrayList<>();
            for (int s = 0; s < course.size(); s++) {
                messages.add(message(clientId, s, course.get(s)));
            }
            events.publish(messages);
            ids.add(clientId);
        }
        return new Store(name, events, ids);
    }

    /** Commands per second: each loads its client's stream, then appends one session's healing check. */
    private static Measured commands(Store store, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                int next = thread;
                long cpuStart = CPU.getCurrentThreadCpuTime();
                while (System.nanoTime() < until) {
                    String clientId = store.clients().get(next % store.clients().size());
                    next += threads;
                    long sequence = readAll(store, clientId);
                    store.events().publish(message(clientId, sequence, healing(clientId, sequence)));
                    done.incrementAndGet();
                }
                cpu.addAndGet(CPU.getCurrentThreadCpuTime() - cpuStart);
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        return new Measured(done.get() / (double) seconds, cpu.get() / 1e3 / Math.max(1, done.get()));
    }

    /** p50 and p99 in ms of reading a whole stream, and the reading thread's CPU per read in microseconds. */
    private static double[] loads(Store store, int seconds) {
        List<Long> nanos = new ArrayList<>();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        int next = 0;
        while (System.nanoTime() < until) {
            String clientId = store.clients().get(next++ % store.clients().size());
            long started = System.nanoTime();
            readAll(store, clientId);
            nanos.add(System.nanoTime() - started);
        }
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {
            sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, cpu / 1e3 / sorted.length
        };
    }

    /** Reads every event of the stream (payloads deserialized, as an aggregate load does); the next sequence. */
    private static long readAll(Store store, String clientId) {
        DomainEventStream stream = store.events().readEvents(clientId);
        long count = 0;
        while (stream.hasNext()) {
            if (stream.next().getPayload() == null) {
                throw new IllegalStateException("no payload");
            }
            count++;
        }
        return count;
    }

    private static DomainEventMessage<?> message(String clientId, long sequence, TreatmentRecordEvent event) {
        return new GenericDomainEventMessage<>(
                "TreatmentRecord",
                clientId,
                sequence,
                event,
                MetaData.with(EventMetadata.CLINIC_ID, "clinic-bench").and(EventMetadata.ACTOR_ID, "pr-1"));
    }

    private static HealingAssessed healing(String clientId, long sequence) {
        return new HealingAssessed(
                clientId,
                "h-" + sequence,
                "s-1",
                Instant.parse("2026-04-01T10:00:00Z"),
                "pr-1",
                HealingAssessed.Outcome.AS_EXPECTED,
                List.of(new HealingAssessed.ZoneObservation(
                        ScalpZone.CROWN, HealingAssessed.Observation.HEALED_WELL, null, null)),
                "healing well; client asked about the next appointment");
    }

    /** A realistic course: 11 events, personal values in 8 of them. */
    static List<TreatmentRecordEvent> course(String clientId) {
        Instant day = Instant.parse("2026-02-01T10:00:00Z");
        List<TreatmentRecordEvent> events = new ArrayList<>();
        events.add(new ClientRegistered(
                clientId,
                "clinic-bench",
                new PersonalDetails(
                        "Jordan Example", LocalDate.parse("1984-06-02"), "jordan@example.org", "+31 6 5555 0101"),
                day));
        events.add(new ConsultationHeld(
                clientId,
                "cons-1",
                day,
                "pr-1",
                new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "V"),
                ConsultationHeld.AlopeciaType.ANDROGENETIC,
                new ConsultationHeld.SkinProfile(
                        ConsultationHeld.FitzpatrickType.III, ConsultationHeld.Undertone.NEUTRAL),
                List.of(),
                "a natural, soft hairline; wants to look like before his wedding"));
        events.add(new ContraindicationScreened(
                clientId,
                "scr-1",
                day,
                "pr-1",
                List.of(new ContraindicationScreened.Finding(
                        ContraindicationScreened.Contraindication.BLOOD_THINNERS,
                        ContraindicationScreened.Severity.RELATIVE,
                        null,
                        "low-dose aspirin, stopped a week before"))));
        events.add(new ConsentSigned(clientId, "consent-1", day, "v3", "consents/2026/0042.pdf", "pr-2"));
        events.add(new PatchTestRecorded(
                clientId,
                "pt-1",
                "lot-1",
                "InkCo",
                "behind the ear",
                day,
                day.plusSeconds(172800),
                PatchTestRecorded.Result.NEGATIVE,
                null,
                null,
                "pr-1"));
        for (int session = 1; session <= 3; session++) {
            Instant start = day.plusSeconds(86400L * 14 * session);
            events.add(new SessionCompleted(
                    clientId,
                    "s-" + session,
                    1,
                    session,
                    start,
                    start.plusSeconds(10800),
                    "pr-1",
                    Arrays.asList(
                            new SessionCompleted.ZoneWork(
                                    ScalpZone.CROWN,
                                    0.3,
                                    null,
                                    3,
                                    0.25,
                                    0.6,
                                    List.of(new SessionCompleted.PigmentUse("lot-1", 20)),
                                    "even coverage"),
                            new SessionCompleted.ZoneWork(
                                    ScalpZone.HAIRLINE,
                                    0.25,
                                    null,
                                    1,
                                    0.18,
                                    0.5,
                                    List.of(new SessionCompleted.PigmentUse("lot-1", 25)),
                                    null)),
                    null,
                    "client comfortable throughout",
                    null));
        }
        events.add(new AftercareIssued(
                clientId,
                "ac-1",
                "s-3",
                day.plusSeconds(86400L * 43),
                "pr-1",
                List.of(new AftercareIssued.Instruction(AftercareIssued.Restriction.NO_SUN, 28)),
                true));
        events.add(new HealingAssessed(
                clientId,
                "h-0",
                "s-3",
                day.plusSeconds(86400L * 50),
                "pr-1",
                HealingAssessed.Outcome.AS_EXPECTED,
                List.of(),
                "ready for the touch-up in three years"));
        return events;
    }

    private static double[] rounded(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }

    private static String verdict(double ratio) {
        return ratio <= 1.15 ? "met" : "NOT met";
    }

    /** on / off per round. */
    private static double[] ratios(double[][] values) {
        double[] ratios = new double[values[0].length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = values[0][i] / values[1][i];
        }
        return ratios;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
