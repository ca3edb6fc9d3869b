package org.smpledger.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Separate hosts on one machine for one test: network namespaces ({@code ip netns}, needs root), each
 * with its loopback up and no default route unless the test adds one, and veth links between them.
 * Names carry a suffix of the test's own, so parallel runs do not meet; {@link #close} deletes every
 * namespace and every link made in the machine's namespace. A command that fails fails the test.
 */
public final class NetworkNamespaces implements AutoCloseable {

    private final String suffix = UUID.randomUUID().toString().substring(0, 5);
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> linksOutside = new ArrayList<>();

    /** The suffix of every name made here (also for link names, which are limited to 15 characters). */
    public String suffix() {
        return suffix;
    }

    /** A new namespace named {@code prefix-suffix}, its loopback up. */
    public String add(String prefix) throws Exception {
        String namespace = prefix + "-" + suffix;
        run("ip", "netns", "add", namespace);
        namespaces.add(namespace);
        inside(namespace, "ip", "link", "set", "lo", "up");
        return namespace;
    }

    /** A veth pair made in the machine's namespace (either end may then be moved into a namespace). */
    public void veth(String link, String peer) throws Exception {
        run("ip", "link", "add", link, "type", "veth", "peer", "name", peer);
        linksOutside.add(link);
    }

    /** Runs {@code command} inside {@code namespace}; its output. */
    public static String inside(String namespace, String... command) throws Exception {
        return run(inNamespace(namespace, command));
    }

    /** Runs {@code command}; its output. The test fails when it does not end within 30 s or ends in error. */
    public static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        assertThat(process.exitValue())
                .as("%s: %s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    /**
     * The HTTP status {@code curl} gets from inside {@code namespace} ("000" when none came within
     * {@code maxSeconds}); {@code arguments} are curl's (options, then the URL).
     */
    public static String httpStatus(String namespace, int maxSeconds, String... arguments) throws Exception {
        List<String> curl = new ArrayList<>(List.of(
                "curl", "-s", "--max-time", String.valueOf(maxSeconds), "-o", "/dev/null", "-w", "%{http_code}"));
        curl.addAll(List.of(arguments));
        Process process = new ProcessBuilder(inNamespace(namespace, curl.toArray(String[]::new)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(maxSeconds + 5L, TimeUnit.SECONDS);
        return output;
    }

    /** What runs a command inside {@code namespace}: {@code ip netns exec namespace}. */
    public static List<String> exec(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    /**
     * A JVM on this test's class path inside {@code namespace}: {@code options}, then {@code mainClass}
     * and its {@code arguments}.
     */
    public static List<String> javaInside(
            String namespace, List<String> options, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(exec(namespace));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String[] inNamespace(String namespace, String... command) {
        List<String> full = new ArrayList<>(exec(namespace));
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    @Override
    public void close() {
        linksOutside.forEach(link -> quietly("ip", "link", "del", link));
        namespaces.forEach(namespace -> quietly("ip", "netns", "del", namespace));
    }

    private static void quietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort: it may be gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
