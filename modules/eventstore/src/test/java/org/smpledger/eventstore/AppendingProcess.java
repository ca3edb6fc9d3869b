package org.smpledger.eventstore;

import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.nio.file.Path;
import java.util.Map;
import org.smpledger.embedded.EmbeddedMongoServer;

/**
 * Child JVM for the crash tests: a file-backed embedded server and an engine appending commits of
 * three ~4 KB events until the parent kills it. Arguments: the data folder, then optionally the
 * number of appending threads (default 1). Thread t appends streams "client-t-0", "client-t-1", ...
 * and prints "APPENDED client-t-k" after each acknowledged commit; "SENDING n" is printed as an
 * insert of n > 1 commits (a group) leaves for the server.
 */
public final class AppendingProcess {

    public static void main(String[] args) {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(Path.of(args[0]), "127.0.0.1", 0);
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("insert")) {
                            int commits =
                                    event.getCommand().getArray("documents").size();
                            if (commits > 1) {
                                print("SENDING " + commits);
                            }
                        }
                    }
                })
                .build());
        MongoCommitStorageEngine engine =
                TestStores.engineOn(client.getDatabase("crash")).build();
        String padding = "x".repeat(4000);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread appender = new Thread(() -> {
                for (int commit = 0; ; commit++) {
                    String stream = threads == 1 ? "client-" + commit : "client-" + thread + "-" + commit;
                    var events = notesFor(stream, 0, 3).stream()
                            .map(e -> e.withMetaData(Map.of("padding", padding)))
                            .toList();
                    engine.appendEvents(events);
                    print(threads == 1 ? "APPENDED " + (commit + 1) : "APPENDED " + stream);
                }
            });
            appender.start();
        }
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
