package org.smpledger.embedded.testing;

import java.util.Optional;
import java.util.UUID;
import org.smpledger.embedded.EmbeddedMongoServer;

/**
 * The MongoDB that integration tests use: the one named by {@value #URI_VARIABLE} when set
 * (a real server, e.g. the compose file's replica set), otherwise one in-memory wire server
 * shared by the whole test JVM. Tests isolate themselves with {@link #freshDatabaseName}.
 */
public final class TestMongo {

    public static final String URI_VARIABLE = "SMP_TEST_MONGODB_URI";
    private static EmbeddedMongoServer shared;

    private TestMongo() {}

    public static synchronized String connectionString() {
        Optional<String> external = external();
        if (external.isPresent()) {
            return external.get();
        }
        if (shared == null) {
            shared = EmbeddedMongoServer.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-mongo-stop"));
        }
        return shared.connectionString();
    }

    public static Optional<String> external() {
        return Optional.ofNullable(System.getenv(URI_VARIABLE)).filter(uri -> !uri.isBlank());
    }

    public static String freshDatabaseName(String purpose) {
        return "test_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
