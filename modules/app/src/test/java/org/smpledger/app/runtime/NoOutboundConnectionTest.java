package org.smpledger.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.app.testing.NetworkNamespaces.inside;
import static org.smpledger.app.testing.NetworkNamespaces.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.app.testing.NetworkNamespaces;

/**
 * The service sends nothing anywhere but to its configured MongoDB, Kafka and identity provider.
 * It runs here as a child JVM in a network namespace of its own (embedded MongoDB and Kafka on the
 * namespace's loopback) whose only way out is a veth pair to a sink namespace, with the default
 * route through it. After the service has started (Axon's update checker would report 1 s after
 * start) and served signed-in commands and queries for a while, not one packet has left through the
 * veth, and the checker left nothing in the user's home; then a deliberate connection attempt
 * shows that one would have been counted (without the switch the checker's report goes out at once:
 * checked by hand, 6 packets). Needs root and
 * {@code ip netns}; when a namespace cannot be made the test fails.
 */
class NoOutboundConnectionTest {

    private static final Duration EXERCISE = Duration.ofSeconds(25);
    private static final int PORT = 18080;

    @TempDir
    Path dataDir;

    @Test
    void aRunOfTheServiceSendsNoPacketOutOfItsHost() throws Exception {
        Process app = null;
        Path log = dataDir.resolve("service.log");
        try (NetworkNamespaces hosts = new NetworkNamespaces()) {
            String service = hosts.add("smp-svc");
            String sink = hosts.add("smp-sink");
            String out = "smpo" + hosts.suffix();
            String in = "smpi" + hosts.suffix();
            hosts.veth(out, in);
            run("ip", "link", "set", out, "netns", service);
            run("ip", "link", "set", in, "netns", sink);
            for (String namespace : List.of(service, sink)) {
                // no IPv6 router solicitations or duplicate-address probes: only what a program sends is counted
                inside(namespace, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
                inside(namespace, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
            }
            inside(service, "ip", "addr", "add", "10.213.0.1/30", "dev", out);
            inside(service, "ip", "link", "set", out, "up");
            inside(sink, "ip", "addr", "add", "10.213.0.2/30", "dev", in);
            inside(sink, "ip", "link", "set", in, "up");
            inside(service, "ip", "route", "add", "default", "via", "10.213.0.2");
            long atStart = sent(service, out);

            try {
                app = new ProcessBuilder(NetworkNamespaces.javaInside(
                                service,
                                List.of("-Xmx768m", "-Duser.home=" + dataDir.resolve("home")),
                                SmpLedgerApplication.class.getName(),
                                "--server.port=" + PORT,
                                "--smp.data-dir=" + dataDir.resolve("data"),
                                "--smp.mongodb.uri=",
                                "--smp.kafka.bootstrap-servers=",
                                "--smp.demo-data=true"))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (!"200".equals(status(service, null, "/actuator/health/readiness"))) {
                    assertThat(app.isAlive())
                            .as("the service is running: %s", tail(log))
                            .isTrue();
                    assertThat(System.nanoTime())
                            .as("the service got ready: %s", tail(log))
                            .isLessThan(deadline);
                    Thread.sleep(500);
                }

                long until = System.nanoTime() + EXERCISE.toNanos();
                int requests = 0;
                while (System.nanoTime() < until) {
                    assertThat(status(service, "demo-practitioner", "/api/clients/demo-client-crowded/timeline"))
                            .isEqualTo("200");
                    assertThat(status(service, "demo-auditor", "/api/clients/demo-client-crowded/access-log"))
                            .isEqualTo("200");
                    assertThat(status(service, "demo-practitioner", "/api/clients"))
                            .isEqualTo("201");
                    requests += 3;
                }
                assertThat(requests).isGreaterThan(10);
                assertThat(app.isAlive()).isTrue();

                assertThat(sent(service, out) - atStart)
                        .as("packets that left the service's namespace; the service's log: %s", tail(log))
                        .isZero();

                assertThat(dataDir.resolve("home").resolve(".axoniq"))
                        .as("nothing of Axon's update checker (its machine id, its properties) in the user's home")
                        .doesNotExist();

                // the count sees traffic: a connection attempt to an outside address goes out through the veth
                NetworkNamespaces.httpStatus(service, 2, "http://203.0.113.7/");
                assertThat(sent(service, out) - atStart).isPositive();
            } finally {
                if (app != null) {
                    app.destroy();
                    if (!app.waitFor(20, TimeUnit.SECONDS)) {
                        app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    /** HTTP status of a request made from inside the service's namespace (as a demo user, or anonymously). */
    private static String status(String namespace, String demoUser, String path) throws Exception {
        List<String> arguments = new ArrayList<>();
        if (demoUser != null) {
            arguments.addAll(List.of("-u", demoUser + ":smp-demo"));
        }
        if (path.equals("/api/clients")) {
            arguments.addAll(List.of(
                    "-H",
                    "Content-Type: application/json",
                    "--data",
                    "{\"personalDetails\": {\"fullName\": \"Net Probe\", \"dateOfBirth\": \"1990-01-01\"}}"));
        }
        arguments.add("http://127.0.0.1:" + PORT + path);
        return NetworkNamespaces.httpStatus(namespace, 10, arguments.toArray(String[]::new));
    }

    private static long sent(String namespace, String device) throws Exception {
        return Long.parseLong(inside(namespace, "cat", "/sys/class/net/" + device + "/statistics/tx_packets")
                .trim());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
