package org.smpledger.embedded;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {

    @TempDir
    Path dataDir;

    @Test
    void realDriverWritesAndReadsDocuments() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> lots = client.getDatabase("clinic").getCollection("lots");
            lots.insertOne(new Document("_id", "LOT-1").append("shade", "dark ash"));

            assertThat(lots.find(eq("_id", "LOT-1")).first()).containsEntry("shade", "dark ash");
        }
    }

    @Test
    void uniqueIndexViolationSurfacesAsTheDriversDuplicateKeyError() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("clinic").getCollection("events");
            events.createIndex(Indexes.ascending("stream", "sequence"), new IndexOptions().unique(true));
            events.insertOne(new Document("stream", "client-1").append("sequence", 0));

            assertThatThrownBy(() -> events.insertOne(new Document("stream", "client-1").append("sequence", 0)))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                        assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                        assertThat(e.getCode()).isEqualTo(11000);
                    });
            assertThat(events.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void fileBackedServerFindsItsDataAfterARestartOnTheSameFolder() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(dataDir, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> clients = client.getDatabase("clinic").getCollection("clients");
            clients.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            clients.insertOne(new Document("_id", "client-1").append("email", "a@example.org"));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(dataDir, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> clients = client.getDatabase("clinic").getCollection("clients");
            assertThat(clients.find(eq("_id", "client-1")).first()).containsEntry("email", "a@example.org");
            assertThatThrownBy(
                            () -> clients.insertOne(new Document("_id", "client-2").append("email", "a@example.org")))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void acknowledgedWritesSurviveTheServerProcessBeingKilled() throws Exception {
        Process serverProcess = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MongoServerProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        List<Document> written = new ArrayList<>();
        try {
            int port = awaitPort(serverProcess);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                MongoCollection<Document> events = client.getDatabase("clinic").getCollection("events");
                for (int i = 0; i < 25; i++) {
                    Document event = new Document("_id", i).append("type", "SessionCompleted");
                    events.insertOne(event);
                    written.add(event);
                }
            }
        } finally {
            serverProcess.destroyForcibly().waitFor();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(dataDir, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            List<Document> found =
                    client.getDatabase("clinic").getCollection("events").find().into(new ArrayList<>());
            assertThat(found).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    private static int awaitPort(Process process) throws Exception {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("server process ended before it listened");
    }
}
