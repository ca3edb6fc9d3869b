package org.smpledger.eventstore;

import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.smpledger.embedded.EmbeddedMongoServer;

/**
 * Child JVM for the crash test: a file-backed embedded server and an engine appending commits of
 * three ~4 KB events until the parent kills it. Prints "APPENDED n" after each acknowledged commit.
 */
public final class AppendingProcess {

    public static void main(String[] args) {
        EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(Path.of(args[0]), "127.0.0.1", 0);
        MongoClient client = MongoClients.create(server.connectionString());
        MongoCommitStorageEngine engine =
                TestStores.engineOn(client.getDatabase("crash")).build();
        String padding = "x".repeat(4000);
        for (int commit = 0; ; commit++) {
            var events = notesFor("client-" + commit, 0, 3).stream()
                    .map(e -> e.withMetaData(java.util.Map.of("padding", padding)))
                    .toList();
            engine.appendEvents(events);
            System.out.println("APPENDED " + (commit + 1));
            System.out.flush();
        }
    }
}
