package org.smpledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on a loopback port. File-backed (H2
 * MVStore) for the default run, so a restarted service finds its data; in memory for tests.
 * Clients reach it only through the real MongoDB driver, via {@link #connectionString()}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    static final String STORE_FILE = "mongo.mv.db";

    private final MongoServer server;
    private final MongoBackend backend;
    private final Path storeFile;
    private final String host;
    private final int port;

    private EmbeddedMongoServer(MongoBackend backend, Path storeFile, String host, int requestedPort) {
        this.backend = backend;
        this.storeFile = storeFile;
        this.server = new MongoServer(backend);
        this.host = host;
        this.port = LoopbackPorts.resolve(host, requestedPort);
        server.bind(host, port);
    }

    /** Keeps its data in {@code dataDir/mongo.mv.db}; reopening the same folder finds it again. */
    public static EmbeddedMongoServer fileBacked(Path dataDir, String host, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create MongoDB data folder " + dataDir, e);
        }
        Path file = dataDir.resolve(STORE_FILE).toAbsolutePath();
        MVStore store =
                new MVStore.Builder().fileName(file.toString()).compress().open();
        EmbeddedMongoServer started = new EmbeddedMongoServer(new CommittingH2Backend(store), file, host, port);
        log.info("Embedded MongoDB wire server listening on {}:{} with data in {}", host, started.port, file);
        return started;
    }

    public static EmbeddedMongoServer inMemory() {
        return inMemory("127.0.0.1", 0);
    }

    public static EmbeddedMongoServer inMemory(String host, int port) {
        return new EmbeddedMongoServer(new ByIdMemoryBackend(), null, host, port);
    }

    public String connectionString() {
        return "mongodb://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The store file, or empty when this server keeps its data in memory. */
    public Optional<Path> storeFile() {
        return Optional.ofNullable(storeFile);
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
        if (storeFile != null) {
            log.info("Embedded MongoDB wire server on port {} stopped; data kept in {}", port, storeFile);
        }
    }
}
