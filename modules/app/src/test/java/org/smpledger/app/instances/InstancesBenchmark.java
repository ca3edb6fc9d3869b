package org.smpledger.app.instances;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;

/**
 * Several instances on one store, measured side by side (a main class, not a test). Every instance
 * is a JVM of its own; MongoDB (in-memory wire server) and Kafka (embedded broker) run in this JVM.
 * <ol>
 *   <li><b>throughput</b>: rounds of {@code writers} REST writers (register a client, then record
 *       consent) for {@code seconds}, through one instance (the second paused with SIGSTOP, so it stays
 *       warm but takes no CPU, until the first holds every segment) and through two (writers split), in
 *       alternating order, after {@code warmup} pairs of such slots; commands/s per slot, median and
 *       range, ratio per round; per slot also the CPU per command (instances, and this JVM with the
 *       store and broker), append round trips and position clashes;</li>
 *   <li><b>publication latency</b>: 200 commands/s (registrations) for {@code latencySeconds} through
 *       both instances, a consumer on the topic: time from a command's 201 to its CloudEvent arriving,
 *       p50/p99/max, once with the processors' poll interval at its default (20 ms) and once at
 *       Axon's default (1 s), the idle wait that bounds how late an instance sees another's events;</li>
 *   <li><b>takeover</b>: kill -9 of one of two instances under light load; time until the other holds
 *       every segment (claim timeout {@code claimTimeout}).</li>
 * </ol>
 * Arguments ({@code key=value}): warmup=2 rounds=3 seconds=15 writers=4 latencyWarmup=30 latencySeconds=10 rate=200
 * claimTimeout=5s sections=throughput,latency,takeover polls=20ms,1s (the latency passes); maxWarmup (default: warmup)
 * more warm-up pairs while the instances' JIT compiler threads take more than {@code settled} (0.15) of their CPU;
 * profile=&lt;dir&gt; records every measured slot with Java Flight Recorder ({@code settings=profile}) on the
 * instances and this JVM, one file per slot and JVM.
 */
public final class InstancesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEADY_CLIENT =
            "{\"personalDetails\": {\"fullName\": \"Steady Client\", \"dateOfBirth\": \"1985-04-02\"}}";

    /** Where each measured slot's flight recordings go ({@code profile=<dir>}); null: no profiling. */
    private static Path profiles;

    private static int slots;

    /** The share of the instances' CPU that their JIT compiler threads took in the last slot. */
    private static double lastCompilerShare;

    private InstancesBenchmark() {}

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
        } finally {
            // the embedded broker's threads would keep a failed run alive
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int warmupSlots = Integer.parseInt(options.getOrDefault("warmup", "2"));
        int maxWarmup = Integer.parseInt(options.getOrDefault("maxWarmup", String.valueOf(warmupSlots)));
        double settled = Double.parseDouble(options.getOrDefault("settled", "0.15"));
        List<String> sections = List.of(
                options.getOrDefault("sections", "throughput,latency,takeover").split(","));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int writers = Integer.parseInt(options.getOrDefault("writers", "4"));
        int latencySeconds = Integer.parseInt(options.getOrDefault("latencySeconds", "10"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int latencyWarmup = Integer.parseInt(options.getOrDefault("latencyWarmup", "30"));
        String claimTimeout = options.getOrDefault("claimTimeout", "5s");
        String profile = options.get("profile");
        profiles = profile == null ? null : Files.createDirectories(Path.of(profile));
        Path dir = Files.createTempDirectory("smp-instances-bench");
        String mongo = TestMongo.connectionString();
        String kafka = TestKafka.bootstrapServers();
        System.out.printf(
                "Instances benchmark %s: warm-up %d x 2 slots, rounds=%d seconds=%d writers=%d latency %d s at %d/s,"
                        + " claim timeout %s,"
                        + " %d cores, load average %s%n",
                Instant.now(),
                warmupSlots,
                rounds,
                seconds,
                writers,
                latencySeconds,
                rate,
                claimTimeout,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());

        List<String> topics =
                List.of(TestKafka.freshTopicName("treatment-records"), TestKafka.freshTopicName("pigment-lots"));
        if (sections.contains("throughput")) {
            List<double[]> throughput = new ArrayList<>();
            String database = TestMongo.freshDatabaseName("bench");
            ServiceProcess a = start("a", dir, mongo, database, kafka, topics, claimTimeout);
            ServiceProcess b = start("b", dir, mongo, database, kafka, topics, claimTimeout);
            a.awaitReady(Duration.ofSeconds(180));
            b.awaitReady(Duration.ofSeconds(180));
            try {
                // warm-up: both JVMs take commands (and a alone, b paused) until their JIT has settled
                // and, past `warmup` pairs, until the JIT compilers take less than `settled` of the instances' CPU
                double compiling = 1;
                for (int slot = 0; slot < warmupSlots || compiling > settled && slot < maxWarmup; slot++) {
                    System.out.println(
                            "warm-up " + (slot + 1) + " (at least " + warmupSlots + ", at most " + maxWarmup + ")");
                    measure(List.of(a, b), writers, seconds);
                    compiling = lastCompilerShare;
                    alone(a, b, writers, seconds);
                    compiling = Math.max(compiling, lastCompilerShare);
                }
                for (int round = 1; round <= rounds; round++) {
                    double one;
                    double two;
                    if (round % 2 == 1) {
                        one = alone(a, b, writers, seconds);
                        two = measure(List.of(a, b), writers, seconds);
                    } else {
                        two = measure(List.of(a, b), writers, seconds);
                        one = alone(a, b, writers, seconds);
                    }
                    throughput.add(new double[] {one, two});
                    System.out.printf(
                            "round %d: one instance %.1f commands/s, two instances %.1f commands/s, ratio %.2f%n",
                            round, one, two, two / one);
                }
            } finally {
                b.close();
                a.close();
            }
            List<Double> ones = throughput.stream().map(r -> r[0]).sorted().toList();
            List<Double> twos = throughput.stream().map(r -> r[1]).sorted().toList();
            List<Double> ratios =
                    throughput.stream().map(r -> r[1] / r[0]).sorted().toList();
            System.out.printf(
                    "THROUGHPUT one instance median %.1f (%.1f-%.1f) commands/s; two instances median %.1f (%.1f-%.1f);"
                            + " ratio two/one median %.2f (rounds %.2f-%.2f): target >= 0.9: %s%n",
                    median(ones),
                    ones.get(0),
                    ones.get(ones.size() - 1),
                    median(twos),
                    twos.get(0),
                    twos.get(twos.size() - 1),
                    median(ratios),
                    ratios.get(0),
                    ratios.get(ratios.size() - 1),
                    median(ratios) >= 0.9 ? "PASS" : "FAIL");
        }
        if (sections.contains("latency")) {
            for (String poll : options.getOrDefault("polls", "20ms,1s").split(",")) {
                String latencyDatabase = TestMongo.freshDatabaseName("latency");
                List<String> latencyTopics = List.of(
                        TestKafka.freshTopicName("treatment-records"), TestKafka.freshTopicName("pigment-lots"));
                try (ServiceProcess x = start(
                                "x",
                                dir,
                                mongo,
                                latencyDatabase,
                                kafka,
                                latencyTopics,
                                claimTimeout,
                                "--smp.eventstore.poll-interval=" + poll);
                        ServiceProcess y = start(
                                "y",
                                dir,
                                mongo,
                                latencyDatabase,
                                kafka,
                                latencyTopics,
                                claimTimeout,
                                "--smp.eventstore.poll-interval=" + poll)) {
                    x.awaitReady(Duration.ofSeconds(180));
                    y.awaitReady(Duration.ofSeconds(180));
                    Thread.sleep(5000);
                    // warm-up at the same rate, so the JIT of both fresh JVMs is not what is measured
                    latency(List.of(x, y), kafka, latencyTopics.get(0), rate, latencyWarmup, poll + " (warm-up)");
                    latency(List.of(x, y), kafka, latencyTopics.get(0), rate, latencySeconds, poll);
                }
            }
        }

        if (sections.contains("takeover")) {
            String takeoverDatabase = TestMongo.freshDatabaseName("takeover");
            try (ServiceProcess p = start("p", dir, mongo, takeoverDatabase, kafka, topics, claimTimeout);
                    ServiceProcess q = start("q", dir, mongo, takeoverDatabase, kafka, topics, claimTimeout)) {
                p.awaitReady(Duration.ofSeconds(180));
                q.awaitReady(Duration.ofSeconds(180));
                try (ClinicWriters load = new ClinicWriters(2, w -> q, Duration.ofMillis(50))) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (SeveralInstancesTest.held(p).isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(500);
                    }
                    Set<String> pHeld = SeveralInstancesTest.held(p);
                    Set<String> all = SeveralInstancesTest.allSegments(q);
                    long killed = System.nanoTime();
                    p.kill();
                    while (!SeveralInstancesTest.held(q).containsAll(all)) {
                        Thread.sleep(50);
                    }
                    System.out.printf(
                            "TAKEOVER after kill -9 of the instance holding %s: %d ms (claim timeout %s); load %s%n",
                            pHeld,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed),
                            claimTimeout,
                            loadAverage());
                }
            }
        }
        System.exit(0);
    }

    private static ServiceProcess start(
            String name,
            Path dir,
            String mongo,
            String database,
            String kafka,
            List<String> topics,
            String claimTimeout,
            String... extra)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--smp.processing.claim-timeout=" + claimTimeout,
                "--smp.projections.segments=1",
                "--logging.level.org.smpledger=WARN"));
        arguments.addAll(List.of(extra));
        return ServiceProcess.start(
                name,
                List.of(),
                "127.0.0.1",
                SeveralInstancesTest.freePort(),
                dir,
                mongo,
                database,
                kafka,
                topics,
                arguments.toArray(String[]::new));
    }

    /**
     * A slot through {@code a} alone: {@code b} is paused (SIGSTOP: its JVM stays warm but takes no CPU)
     * until {@code a} holds every segment, and resumed afterwards until it holds its share again.
     */
    private static double alone(ServiceProcess a, ServiceProcess b, int writers, int seconds) throws Exception {
        b.pause();
        double commandsPerSecond;
        try {
            awaitUntil(() -> SeveralInstancesTest.held(a).containsAll(SeveralInstancesTest.allSegments(a)), 90);
            commandsPerSecond = measure(List.of(a), writers, seconds);
        } finally {
            b.resume();
        }
        awaitUntil(() -> !SeveralInstancesTest.held(b).isEmpty(), 90);
        return commandsPerSecond;
    }

    private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Commands per second that {@code writers} writers get acknowledged, split over the instances;
     * prints the slot with the append round trips and position clashes the instances counted in it,
     * and the load average.
     */
    private static double measure(List<ServiceProcess> instances, int writers, int seconds) throws Exception {
        String slot = ++slots + "-"
                + String.join("", instances.stream().map(i -> i.name).toList());
        jdk.jfr.Recording harnessRecording = null;
        if (profiles != null) {
            for (ServiceProcess instance : instances) {
                jcmd(instance, "JFR.start", "name=slot", "settings=profile");
            }
            harnessRecording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            harnessRecording.start();
        }
        double writesBefore = sum(instances, "smp.eventstore.append.writes");
        List<Map<String, Double>> threadsBefore =
                instances.stream().map(i -> ThreadCpu.snapshot(i.pid())).toList();
        Map<String, Double> harnessThreadsBefore =
                ThreadCpu.snapshot(ProcessHandle.current().pid());
        long instancesCpuBefore = cpuNanos(instances);
        long harnessCpuBefore = harnessCpuNanos();
        double clashesBefore = sum(instances, "smp.eventstore.append.position-clashes");
        ClinicWriters load = new ClinicWriters(writers, w -> instances.get(w % instances.size()), Duration.ZERO);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long acknowledgedAtEnd = load.acknowledgedEvents.size();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long instancesCpu = cpuNanos(instances) - instancesCpuBefore;
        long harnessCpu = harnessCpuNanos() - harnessCpuBefore;
        List<Map<String, Double>> threadsAfter =
                instances.stream().map(i -> ThreadCpu.snapshot(i.pid())).toList();
        Map<String, Double> harnessThreadsAfter =
                ThreadCpu.snapshot(ProcessHandle.current().pid());
        load.close();
        if (harnessRecording != null) {
            harnessRecording.stop();
            harnessRecording.dump(profiles.resolve(slot + "-harness.jfr"));
            harnessRecording.close();
            for (ServiceProcess instance : instances) {
                jcmd(
                        instance,
                        "JFR.stop",
                        "name=slot",
                        "filename=" + profiles.resolve(slot + "-" + instance.name + ".jfr"));
            }
        }
        if (load.failures.get() > 0) {
            System.out.println("  failed commands: " + load.failures.get() + " " + load.failureSamples);
        }
        double commands = Math.max(1, acknowledgedAtEnd);
        System.out.printf(
                "  CPU per command: instances %.2f ms, MongoDB server + Kafka broker + writers (this JVM) %.2f ms%n",
                instancesCpu / 1e6 / commands, harnessCpu / 1e6 / commands);
        double compilerMillis = 0;
        double instanceMillis = 0;
        for (int i = 0; i < instances.size(); i++) {
            for (Map.Entry<String, Double> group : threadsAfter.get(i).entrySet()) {
                double used = group.getValue() - threadsBefore.get(i).getOrDefault(group.getKey(), 0.0);
                instanceMillis += used;
                if (ThreadCpu.isCompiler(group.getKey())) {
                    compilerMillis += used;
                }
            }
        }
        lastCompilerShare = instanceMillis > 0 ? compilerMillis / instanceMillis : 0;
        System.out.printf(
                "    instances without their JIT compiler threads %.2f ms per command (JIT: %.0f%% of the instances' CPU)%n",
                (instanceMillis - compilerMillis) / commands, 100 * lastCompilerShare);
        for (int i = 0; i < instances.size(); i++) {
            System.out.printf(
                    "    %s threads, CPU ms per command: %s%n",
                    instances.get(i).name, ThreadCpu.perCommand(threadsBefore.get(i), threadsAfter.get(i), commands));
        }
        System.out.printf(
                "    harness threads, CPU ms per command: %s%n",
                ThreadCpu.perCommand(harnessThreadsBefore, harnessThreadsAfter, commands));
        double writes = sum(instances, "smp.eventstore.append.writes") - writesBefore;
        double clashes = sum(instances, "smp.eventstore.append.position-clashes") - clashesBefore;
        System.out.printf(
                "  slot through %s: %.1f commands/s, %.0f append round trips, %.0f position clashes (%.1f%%), load %s%n",
                instances.stream().map(i -> i.name).toList(),
                acknowledgedAtEnd / elapsed,
                writes,
                clashes,
                writes > 0 ? 100 * clashes / writes : 0,
                loadAverage());
        return acknowledgedAtEnd / elapsed;
    }

    private static void jcmd(ServiceProcess instance, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(instance.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + line + ": " + output);
        }
    }

    private static long cpuNanos(List<ServiceProcess> instances) {
        return instances.stream().mapToLong(i -> i.cpu().toNanos()).sum();
    }

    private static long harnessCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double sum(List<ServiceProcess> instances, String metric) {
        return instances.stream().mapToDouble(i -> i.metric(metric)).sum();
    }

    /** The machine's load average (1, 5, 15 minutes), as {@code uptime} shows it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void latency(
            List<ServiceProcess> instances, String kafka, String topic, int rate, int seconds, String poll)
            throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                5))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ScheduledExecutorService sender = Executors.newScheduledThreadPool(2);
            AtomicInteger sent = new AtomicInteger();
            long periodNanos = 1_000_000_000L / rate;
            sender.scheduleAtFixedRate(
                    () -> {
                        ServiceProcess target = instances.get(sent.getAndIncrement() % instances.size());
                        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl + "/api/clients"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("Authorization", ServiceProcess.authorization())
                                .POST(HttpRequest.BodyPublishers.ofString(STEADY_CLIENT))
                                .build();
                        ServiceProcess.HTTP
                                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                                .whenComplete((r, e) -> {
                                    long now = System.nanoTime();
                                    if (e == null && r.statusCode() == 201) {
                                        try {
                                            acknowledged.put(
                                                    JSON.readTree(r.body())
                                                            .path("eventId")
                                                            .asText(),
                                                    now);
                                        } catch (Exception parse) {
                                            failed.incrementAndGet();
                                        }
                                    } else {
                                        failed.incrementAndGet();
                                    }
                                });
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long drainUntil = end + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < drainUntil) {
                if (System.nanoTime() >= end) {
                    sender.shutdown();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    received.putIfAbsent(
                            new String(record.headers().lastHeader("ce_id").value()), System.nanoTime());
                }
                if (System.nanoTime() >= end
                        && received.keySet().containsAll(acknowledged.keySet())
                        && sender.isTerminated()) {
                    break;
                }
            }
            sender.shutdownNow();
        }
        List<Double> millis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            Long at = received.get(ack.getKey());
            if (at == null) {
                missing++;
            } else {
                millis.add(Math.max(0, at - ack.getValue()) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf(
                "LATENCY poll %s, %d commands/s over two instances for %d s: %d acknowledged, %d failed, %d not received;"
                        + " acknowledged -> consumer received p50 %.1f ms, p99 %.1f ms, max %.1f ms%s; load %s%n",
                poll,
                rate,
                seconds,
                acknowledged.size(),
                failed.get(),
                missing,
                percentile(millis, 0.50),
                percentile(millis, 0.99),
                millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1),
                poll.equals("20ms")
                        ? (percentile(millis, 0.99) < 50
                                ? " (target p99 < 50 ms: PASS)"
                                : " (target p99 < 50 ms: FAIL)")
                        : "",
                loadAverage());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
