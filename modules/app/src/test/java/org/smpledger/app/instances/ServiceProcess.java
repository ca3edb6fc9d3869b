package org.smpledger.app.instances;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.smpledger.app.SmpLedgerApplication;

/**
 * One instance of the service in a JVM of its own (a child process on this test's class path),
 * on the given MongoDB database and Kafka topics; optionally inside a network namespace.
 */
final class ServiceProcess implements AutoCloseable {

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The one local user of the test instances: a practitioner and clinic admin of clinic-north. */
    static final String USER = "load-user";

    private static final String PASSWORD = "load-user-passphrase";
    private static final String AUTHORIZATION = "Basic "
            + java.util.Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final String PASSWORD_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(PASSWORD);

    final String name;
    final String baseUrl;
    final Path log;
    private final Process process;

    private ServiceProcess(String name, String baseUrl, Path log, Process process) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.log = log;
        this.process = process;
    }

    /** Starts an instance; {@code prefix} (e.g. {@code ip netns exec ns}) goes before the java command. */
    static ServiceProcess start(
            String name,
            List<String> prefix,
            String host,
            int port,
            Path dir,
            String mongoUri,
            String database,
            String kafka,
            List<String> topics,
            String... extra)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx400m",
                // tests: quick start; the benchmark (-Dinstances.fullJit=true) runs the JIT in full
                Boolean.getBoolean("instances.fullJit") ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                "-Dlogging.level.root=WARN",
                "-Dlogging.level.org.smpledger=INFO",
                "-Dlogging.level.org.axonframework.eventhandling.TrackingEventProcessor=INFO",
                "-cp",
                System.getProperty("java.class.path"),
                SmpLedgerApplication.class.getName(),
                "--server.address=" + host,
                "--server.port=" + port,
                "--smp.data-dir=" + dir.resolve(name),
                "--smp.mongodb.uri=" + mongoUri,
                "--smp.mongodb.database=" + database,
                "--smp.kafka.bootstrap-servers=" + kafka,
                "--smp.publisher.topics.treatment-records=" + topics.get(0),
                "--smp.publisher.topics.pigment-lots=" + topics.get(1),
                "--smp.publisher.partitions=3",
                "--smp.security.users[0].username=" + USER,
                "--smp.security.users[0].password-hash=" + PASSWORD_HASH,
                "--smp.security.users[0].clinic=clinic-north",
                "--smp.security.users[0].roles=practitioner,clinic-admin",
                "--spring.main.banner-mode=off"));
        List<String> defaults = List.of(
                "--smp.processing.instance-id=" + name,
                "--smp.processing.claim-timeout=3s",
                "--smp.processing.release-for=3s",
                "--smp.projections.segments=2",
                "--smp.projections.replay-check-interval=200ms",
                "--smp.projections.retire-after=3s");
        for (String option : defaults) {
            String key = option.substring(0, option.indexOf('=') + 1);
            if (java.util.Arrays.stream(extra).noneMatch(given -> given.startsWith(key))) {
                command.add(option);
            }
        }
        command.addAll(List.of(extra));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(name, "http://" + host + ":" + port, log, process);
    }

    /** The same instance reached at another address (e.g. from outside its network namespace). */
    ServiceProcess at(String baseUrl) {
        return new ServiceProcess(name, baseUrl, log, process);
    }

    /** Waits until the instance answers ready; fails with its log when it dies or takes too long. */
    ServiceProcess awaitReady(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " died:\n" + tail());
            }
            if (status("/actuator/health/readiness") == 200) {
                return this;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " not ready within " + atMost + ":\n" + tail());
    }

    /** HTTP status of a GET (-1 when there is no answer within 5 s). */
    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", AUTHORIZATION)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", AUTHORIZATION)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Authorization header of the test user. */
    static String authorization() {
        return AUTHORIZATION;
    }

    /** CPU time the instance's JVM has used so far (zero when the OS does not tell). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGSTOP: the JVM stands still (as in a long pause) with its connections open; {@link #resume} goes on. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** The value of a counter or gauge from {@code /actuator/metrics} (NaN when there is no answer). */
    double metric(String name) {
        try {
            HttpResponse<String> response = get("/actuator/metrics/" + name);
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(response.body())
                    .path("measurements")
                    .path(0)
                    .path("value")
                    .asDouble(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** SIGKILL: no shutdown hook, no claim released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
