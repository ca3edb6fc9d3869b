package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.smpledger.embedded.EmbeddedMongoServer;

/**
 * Writes the test data set ({@link SeededClinics}) into a data folder laid out as the embedded
 * default's ({@code DIR/mongodb/mongo.mv.db}), for trying the commands out and for the examples in
 * README.md and docs/operations.md: {@code java -cp "$CP" org.smpledger.cli.DemoDataFolder DIR}.
 */
public final class DemoDataFolder {

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "data");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder.resolve("mongodb"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            new SeededClinics(client.getDatabase("smp_ledger")).seeded().store.shutDown();
        }
        System.out.println("the test data set is in " + folder.resolve("mongodb"));
    }
}
