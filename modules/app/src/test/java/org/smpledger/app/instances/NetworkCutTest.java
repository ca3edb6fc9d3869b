package org.smpledger.app.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smpledger.app.testing.NetworkNamespaces.inside;
import static org.smpledger.app.testing.NetworkNamespaces.run;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.testing.NetworkNamespaces;
import org.smpledger.embedded.testing.TestKafka;

/**
 * The store and two instances as separate hosts: each in a network namespace of its own (made
 * here with {@code ip netns}), with no default route, one veth pair each to a bridge in a switch
 * namespace. The test itself reaches the bridge through one more veth pair from the machine's
 * namespace (a connected route to the test subnet only). Under load through both instances,
 * instance a's link is cut inside a's namespace for 20 s and then brought back: nothing
 * acknowledged is lost, the read models equal a single-instance rebuild (an event applied twice
 * would show), Kafka holds every event, and a reports itself not ready while cut off, and its
 * {@code /actuator/health} answers DOWN promptly (asked from inside its namespace). Needs root and
 * {@code ip netns}; when a namespace cannot be made the test fails. {@code src/test/scripts/network-cut.sh}
 * runs it alone.
 */
class NetworkCutTest {

    private static final Duration CUT = Duration.ofSeconds(20);
    /**
     * Four components touch a peer (mongo, kafka, kafkaPublisher, verifiableLog), each waited for at most
     * 2 s, their checks sent together: the first request after the cut waits about 2 s, not 8; once DOWN
     * they answer without waiting (slack for a loaded machine included).
     */
    private static final Duration HEALTH_FIRST_ANSWER = Duration.ofSeconds(5);

    private static final Duration HEALTH_ANSWER = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void anInstanceCutOffFromTheStoreFor20SecondsUnderLoadLosesNothingAndSaysItIsNotReady() throws Exception {
        String net = "10.217." + ThreadLocalRandom.current().nextInt(10, 250) + ".";
        List<AutoCloseable> closing = new ArrayList<>();
        Process store = null;
        try (NetworkNamespaces hosts = new NetworkNamespaces()) {
            String suffix = hosts.suffix();
            String switchNs = hosts.add("smp-sw");
            String storeNs = hosts.add("smp-st");
            String aNs = hosts.add("smp-a");
            String bNs = hosts.add("smp-b");
            String testLink = "smpt" + suffix;
            inside(switchNs, "ip", "link", "add", "br0", "type", "bridge");
            inside(switchNs, "ip", "link", "set", "br0", "up");
            attach(hosts, storeNs, "smps" + suffix, switchNs, net + "1");
            attach(hosts, aNs, "smpa" + suffix, switchNs, net + "2");
            attach(hosts, bNs, "smpb" + suffix, switchNs, net + "3");
            hosts.veth(testLink, "smpu" + suffix);
            run("ip", "link", "set", "smpu" + suffix, "netns", switchNs);
            inside(switchNs, "ip", "link", "set", "smpu" + suffix, "master", "br0");
            inside(switchNs, "ip", "link", "set", "smpu" + suffix, "up");
            run("ip", "addr", "add", net + "100/24", "dev", testLink);
            run("ip", "link", "set", testLink, "up");
            for (String host : List.of(storeNs, aNs, bNs)) {
                assertThat(inside(host, "ip", "route", "show", "default"))
                        .as("no default route in %s", host)
                        .isBlank();
            }

            try {
                Path storeLog = dir.resolve("store.log");
                store = new ProcessBuilder(NetworkNamespaces.javaInside(
                                storeNs, List.of("-Xmx600m"), StoreHost.class.getName(), net + "1"))
                        .redirectErrorStream(true)
                        .redirectOutput(storeLog.toFile())
                        .start();
                Process storeProcess = store;
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> !storeProcess.isAlive()
                                || Files.readString(storeLog).contains("READY "));
                String ready = Files.readAllLines(storeLog).stream()
                        .filter(l -> l.startsWith("READY "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("store host:\n" + read(storeLog)));
                String mongoUri = ready.split(" ")[1];
                String kafka = ready.split(" ")[2];
                String database = "cut_" + suffix;
                List<String> topics = List.of(
                        TestKafka.freshTopicName("treatment-records"), TestKafka.freshTopicName("pigment-lots"));

                List<ServiceProcess> instances = new ArrayList<>();
                for (String name : List.of("a", "b")) {
                    ServiceProcess instance = ServiceProcess.start(
                            name,
                            NetworkNamespaces.exec(name.equals("a") ? aNs : bNs),
                            "0.0.0.0",
                            8080,
                            dir,
                            mongoUri,
                            database,
                            kafka,
                            topics);
                    closing.add(instance);
                    instances.add(instance);
                }
                ServiceProcess a = instances.get(0);
                ServiceProcess b = instances.get(1);
                ServiceProcess aOutside = a.at("http://" + net + "2:8080");
                ServiceProcess bOutside = b.at("http://" + net + "3:8080");
                aOutside.awaitReady(Duration.ofSeconds(150));
                bOutside.awaitReady(Duration.ofSeconds(150));

                List<ServiceProcess> both = List.of(aOutside, bOutside);
                try (MongoClient mongo = MongoClients.create(mongoUri);
                        ClinicWriters writers = new ClinicWriters(4, w -> both.get(w % 2), Duration.ZERO)) {
                    MongoDatabase shared = mongo.getDatabase(database);
                    Thread.sleep(6000);
                    int beforeCut = writers.acknowledgedEvents.size();
                    inside(aNs, "ip", "link", "set", "smpa" + suffix, "down");
                    long cutAt = System.nanoTime();
                    await().atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> readinessFromInside(aNs).equals("503"));
                    System.out.printf(
                            "a not ready %d ms after the cut%n",
                            Duration.ofNanos(System.nanoTime() - cutAt).toMillis());
                    List<Long> healthTimes = new ArrayList<>();
                    while (System.nanoTime() - cutAt < CUT.toNanos()) {
                        assertThat(readinessFromInside(aNs))
                                .as("a while cut off")
                                .isEqualTo("503");
                        long asked = System.nanoTime();
                        String health = fromInside(aNs, "/actuator/health", 10);
                        long tookMs =
                                Duration.ofNanos(System.nanoTime() - asked).toMillis();
                        healthTimes.add(tookMs);
                        assertThat(health).as("a's health while cut off").isEqualTo("503");
                        assertThat(tookMs)
                                .as("a's health answered promptly while cut off (each component at most 2 s)")
                                .isLessThan((healthTimes.size() == 1 ? HEALTH_FIRST_ANSWER : HEALTH_ANSWER).toMillis());
                        Thread.sleep(1000);
                    }
                    System.out.printf("a's /actuator/health while cut off: DOWN, answered in %s ms%n", healthTimes);
                    inside(aNs, "ip", "link", "set", "smpa" + suffix, "up");
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> readinessFromInside(aNs).equals("200"));
                    Thread.sleep(5000);
                    writers.close();
                    assertThat(writers.acknowledgedEvents.size()).isGreaterThan(beforeCut);

                    Set<String> stored = StoreChecks.densePositions(shared);
                    assertThat(stored).as("every acknowledged event is stored").containsAll(writers.acknowledgedEvents);
                    StoreChecks.caughtUp(bOutside, Duration.ofSeconds(90));
                    StoreChecks.caughtUp(aOutside, Duration.ofSeconds(90));
                    StoreChecks.readModelsEqualARebuild(mongoUri, shared);
                    int duplicates = StoreChecks.kafkaHoldsEveryEvent(kafka, topics, stored);
                    System.out.printf(
                            "%d events stored, %d acknowledged, %d failed commands, %d duplicates on Kafka%n",
                            stored.size(), writers.acknowledgedEvents.size(), writers.failures.get(), duplicates);
                }
            } finally {
                for (int i = closing.size() - 1; i >= 0; i--) {
                    closing.get(i).close();
                }
                if (store != null) {
                    store.destroy();
                    if (!store.waitFor(15, TimeUnit.SECONDS)) {
                        store.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    /** A veth pair from {@code host} (address {@code address}/24, no default route) to the switch's bridge. */
    private static void attach(NetworkNamespaces hosts, String host, String link, String switchNs, String address)
            throws Exception {
        String peer = link + "p";
        hosts.veth(link, peer);
        run("ip", "link", "set", link, "netns", host);
        run("ip", "link", "set", peer, "netns", switchNs);
        inside(switchNs, "ip", "link", "set", peer, "master", "br0");
        inside(switchNs, "ip", "link", "set", peer, "up");
        inside(host, "ip", "addr", "add", address + "/24", "dev", link);
        inside(host, "ip", "link", "set", link, "up");
    }

    private static String readinessFromInside(String namespace) throws Exception {
        return fromInside(namespace, "/actuator/health/readiness", 5);
    }

    /** The HTTP status of a GET of {@code path} on the instance in {@code namespace}, asked from inside it. */
    private static String fromInside(String namespace, String path, int maxSeconds) throws Exception {
        return NetworkNamespaces.httpStatus(namespace, maxSeconds, "http://127.0.0.1:8080" + path);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(none)";
        }
    }
}
