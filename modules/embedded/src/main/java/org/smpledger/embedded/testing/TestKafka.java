package org.smpledger.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.smpledger.embedded.EmbeddedKafkaBroker;

/**
 * The Kafka that integration tests use: the cluster named by {@value #BOOTSTRAP_VARIABLE} when
 * set, otherwise one embedded broker shared by the whole test JVM, in a temporary folder that
 * is deleted when the JVM exits. Tests isolate themselves with {@link #freshTopicName}.
 */
public final class TestKafka {

    public static final String BOOTSTRAP_VARIABLE = "SMP_TEST_KAFKA_BOOTSTRAP_SERVERS";
    private static EmbeddedKafkaBroker shared;

    private TestKafka() {}

    public static synchronized String bootstrapServers() {
        Optional<String> external = external();
        if (external.isPresent()) {
            return external.get();
        }
        if (shared == null) {
            Path dir = temporaryFolder("smp-test-kafka");
            shared = EmbeddedKafkaBroker.start(dir, "127.0.0.1", 0, 0);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                shared.close();
                                deleteRecursively(dir);
                            },
                            "test-kafka-stop"));
        }
        return shared.bootstrapServers();
    }

    public static Optional<String> external() {
        return Optional.ofNullable(System.getenv(BOOTSTRAP_VARIABLE)).filter(s -> !s.isBlank());
    }

    public static String freshTopicName(String purpose) {
        return "test." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
