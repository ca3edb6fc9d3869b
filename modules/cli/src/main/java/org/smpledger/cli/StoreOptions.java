package org.smpledger.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.smpledger.embedded.EmbeddedMongoServer;
import picocli.CommandLine.Option;

/**
 * Where the event store is: a MongoDB URI, or the embedded default's data folder (opened in this
 * process, so the service must not be running on it; against a running service use its URI,
 * {@code mongodb://127.0.0.1:27018} by default).
 */
public final class StoreOptions {

    static final String STORE_FILE = "mongo.mv.db";

    @Option(
            names = "--mongodb-uri",
            paramLabel = "URI",
            description = "MongoDB holding the event store (default: $SMP_MONGODB_URI; without it, the data folder)")
    String uri;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "the embedded default's data folder, used when no URI is given (default: $SMP_DATA_DIR, else ./data)")
    Path dataDir;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "database name (default: $SMP_MONGODB_DATABASE, else smp_ledger)")
    String database;

    @Option(
            names = "--commits",
            paramLabel = "NAME",
            defaultValue = "event_commits",
            description = "the event store's commit collection (default: ${DEFAULT-VALUE})")
    String commits;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "how long to wait for MongoDB (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** Options naming a MongoDB URI and database. */
    public static StoreOptions uri(String uri, String database, String commits) {
        StoreOptions options = new StoreOptions();
        options.uri = uri;
        options.database = database;
        options.commits = commits;
        options.timeoutSeconds = 10;
        return options;
    }

    /** Options naming a data folder. */
    public static StoreOptions dataFolder(Path folder) {
        StoreOptions options = new StoreOptions();
        options.dataDir = folder;
        options.commits = "event_commits";
        options.timeoutSeconds = 10;
        return options;
    }

    public String commitCollection() {
        return commits;
    }

    public String databaseName() {
        return database != null ? database : env("SMP_MONGODB_DATABASE").orElse("smp_ledger");
    }

    /** Connects (and checks the connection), or opens the data folder. */
    public Store open() {
        if (timeoutSeconds < 1) {
            throw CliFailure.usage("--timeout must be at least 1 second");
        }
        Optional<String> target =
                uri != null ? Optional.of(uri) : dataDir != null ? Optional.empty() : env("SMP_MONGODB_URI");
        if (target.isPresent()) {
            return Store.connected(connect(target.get()), databaseName(), commits, describe(target.get()));
        }
        Path folder =
                dataDir != null ? dataDir : env("SMP_DATA_DIR").map(Path::of).orElse(Path.of("data"));
        Path mongoFolder = folder.resolve("mongodb");
        Path storeFolder = Files.exists(mongoFolder.resolve(STORE_FILE)) ? mongoFolder : folder;
        if (!Files.isRegularFile(storeFolder.resolve(STORE_FILE))) {
            throw new CliFailure(
                    ExitCodes.STORE_UNAVAILABLE,
                    "no event store in data folder " + folder.toAbsolutePath() + " (no " + STORE_FILE
                            + "); give --data DIR or --mongodb-uri URI");
        }
        EmbeddedMongoServer server;
        try {
            server = EmbeddedMongoServer.fileBacked(storeFolder, "127.0.0.1", 0);
        } catch (RuntimeException e) {
            throw new CliFailure(
                    ExitCodes.STORE_UNAVAILABLE,
                    "cannot open data folder " + folder.toAbsolutePath() + " (" + CliFailure.oneLine(e.getMessage())
                            + "); if the service is running on it, use --mongodb-uri mongodb://127.0.0.1:27018",
                    e);
        }
        try {
            return Store.embedded(
                    connect(server.connectionString()), server, databaseName(), commits, folder.toString());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private MongoClient connect(String connection) {
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(connection);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--mongodb-uri: " + CliFailure.oneLine(e.getMessage()));
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(parsed)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeoutSeconds, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(timeoutSeconds, TimeUnit.SECONDS))
                .build());
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (MongoException e) {
            client.close();
            throw new CliFailure(
                    ExitCodes.STORE_UNAVAILABLE,
                    "cannot reach MongoDB at " + describe(connection) + ": " + CliFailure.oneLine(e.getMessage()),
                    e);
        }
        return client;
    }

    /** The hosts of a URI, without credentials. */
    static String describe(String connection) {
        try {
            return String.join(",", new ConnectionString(connection).getHosts());
        } catch (IllegalArgumentException e) {
            return "the given URI";
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
