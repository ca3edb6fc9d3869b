package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smpledger.eventstore.Events.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.embedded.EmbeddedMongoServer;

class AtomicAppendTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommitLargerThanTheDocumentLimitFailsCleanlyWithNothingStored() {
        MongoDatabase database = TestStores.freshDatabase("atomic");
        try {
            MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
            String client = newClient();
            String megabyte = "m".repeat(1024 * 1024);
            List<DomainEventMessage<?>> tooLarge = new ArrayList<>();
            for (int i = 0; i < 17; i++) {
                tooLarge.add(new GenericDomainEventMessage<>("TreatmentRecord", client, i, megabyte));
            }

            assertThatThrownBy(() -> engine.appendEvents(tooLarge))
                    .isInstanceOf(EventStoreException.class)
                    .hasMessageContaining("nothing was stored");

            assertThat(database.getCollection("event_commits").countDocuments()).isZero();
            assertThat(engine.readEvents(client).asStream()).isEmpty();
            engine.appendEvents(notesFor(client, 0, 2));
            assertThat(engine.readEvents(engine.createTailToken(), false).toList())
                    .extracting(e -> e.trackingToken().position().getAsLong())
                    .containsExactly(1L, 2L);
        } finally {
            database.drop();
        }
    }

    @Test
    void aProcessKilledDuringAppendsLeavesOnlyWholeCommitsAtDensePositions() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppendingProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        int acknowledged = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && acknowledged < 40; line = out.readLine()) {
                if (line.startsWith("APPENDED ")) {
                    acknowledged = Integer.parseInt(line.substring(9).trim());
                }
            }
        } finally {
            child.destroyForcibly().waitFor(); // mid-stream: the child never stops appending on its own
        }
        assertThat(acknowledged).as("child appended before it was killed").isEqualTo(40);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(dataDir, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("crash");
            List<Document> commits =
                    database.getCollection("event_commits").find().into(new ArrayList<>());
            assertThat(commits.size()).isGreaterThanOrEqualTo(acknowledged);
            for (Document commit : commits) {
                assertThat(commit.getList("events", Document.class)).hasSize(3);
                assertThat(commit.getInteger("n")).isEqualTo(3);
            }
            MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
            List<? extends TrackedEventMessage<?>> all =
                    engine.readEvents(engine.createTailToken(), false).toList();
            assertThat(all).hasSize(commits.size() * 3);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).trackingToken().position()).hasValue(i + 1L);
            }
            for (int c = 0; c < commits.size(); c++) {
                assertThat(engine.readEvents("client-" + c).asStream()).hasSize(3);
            }
            engine.appendEvents(notesFor(newClient(), 0, 1));
            assertThat(engine.createHeadToken().position()).hasValue(commits.size() * 3L + 1);
        }
    }
}
