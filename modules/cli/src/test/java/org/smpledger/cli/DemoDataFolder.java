package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.TreeBuilder;

/**
 * Writes the test data set ({@link SeededClinics}) into a data folder laid out as the embedded
 * default's ({@code DIR/mongodb/mongo.mv.db}), with the verifiable log's tree and a signed checkpoint
 * over it (the log's verifier key in {@code DIR/log.vkey}), for trying the commands out and for the examples in
 * README.md and docs/operations.md: {@code java -cp "$CP" org.smpledger.cli.DemoDataFolder DIR}.
 */
public final class DemoDataFolder {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "data");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder.resolve("mongodb"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            new SeededClinics(client.getDatabase("smp_ledger")).seeded().store.shutDown();
            LogSigner signer = new LogSigner(
                    "clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());
            TreeBuilder tree = TreeBuilder.builder(LogStore.on(client.getDatabase("smp_ledger")), signer)
                    .build();
            tree.catchUp();
            tree.checkpoint();
            Files.writeString(folder.resolve("log.vkey"), signer.key().verifierKey() + "\n");
        }
        System.out.println("the test data set is in " + folder.resolve("mongodb") + ", signed by the key in "
                + folder.resolve("log.vkey"));
    }
}
