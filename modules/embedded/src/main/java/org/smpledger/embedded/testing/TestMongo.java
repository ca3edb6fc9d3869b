package org.smpledger.embedded.testing;

import com.mongodb.ConnectionString;
import java.net.InetSocketAddress;
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
            // Never stopped: it holds no files, and Spring's cached test contexts are closed by a
            // shutdown hook of their own that runs at the same time and still writes to it.
            shared = EmbeddedMongoServer.inMemory();
        }
        return shared.connectionString();
    }

    /** Where {@link #connectionString()} points (its first host): the upstream of a {@link DelayingProxy}. */
    public static InetSocketAddress address() {
        String host = new ConnectionString(connectionString()).getHosts().get(0);
        int colon = host.lastIndexOf(':');
        return colon < 0 || host.endsWith("]")
                ? new InetSocketAddress(host, 27017)
                : new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
    }

    /**
     * The test MongoDB reached through {@code proxy} (started on {@link #address()}): a direct
     * connection, so the driver does not discover replica-set members and bypass the proxy. The
     * options of an external URI (credentials, TLS) are not carried over.
     */
    public static String connectionStringThrough(DelayingProxy proxy) {
        return "mongodb://127.0.0.1:" + proxy.port() + "/?directConnection=true";
    }

    public static Optional<String> external() {
        return Optional.ofNullable(System.getenv(URI_VARIABLE)).filter(uri -> !uri.isBlank());
    }

    public static String freshDatabaseName(String purpose) {
        return "test_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
