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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    @Test
    void aJvmKilledWhileGroupsAreWrittenLeavesEachMemberWholeOrAbsentAndEveryAcknowledgedOnePresent() throws Exception {
        int threads = 8;
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppendingProcess.class.getName(),
                        dataDir.toString(),
                        String.valueOf(threads))
                .redirectErrorStream(true)
                .start();
        Set<String> acknowledged = new HashSet<>();
        int groupsSent = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("APPENDED ")) {
                    acknowledged.add(line.substring(9).trim());
                } else if (line.startsWith("SENDING ")) {
                    groupsSent++;
                    if (acknowledged.size() >= 60 && groupsSent >= 5) {
                        break; // kill while this group is on its way
                    }
                }
            }
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL
        }
        assertThat(acknowledged).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(60);
        assertThat(groupsSent).as("groups of several commits sent").isGreaterThanOrEqualTo(5);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(dataDir, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("crash");
            List<Document> commits =
                    database.getCollection("event_commits").find().into(new ArrayList<>());
            Set<String> stored = new HashSet<>();
            for (Document commit : commits) {
                List<Document> events = commit.getList("events", Document.class);
                assertThat(commit.getInteger("n")).isEqualTo(3);
                assertThat(events)
                        .extracting(e -> e.getString("agg"))
                        .containsOnly(events.get(0).getString("agg"));
                assertThat(events)
                        .extracting(e -> e.get("seq", Number.class).longValue())
                        .containsExactly(0L, 1L, 2L);
                assertThat(stored.add(events.get(0).getString("agg")))
                        .as("stored once")
                        .isTrue();
            }
            assertThat(stored).containsAll(acknowledged);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                long ofThread = stored.stream()
                        .filter(s -> s.startsWith("client-" + thread + "-"))
                        .count();
                for (int k = 0; k < ofThread; k++) {
                    assertThat(stored)
                            .as("thread %d appends one commit after the other", t)
                            .contains("client-" + t + "-" + k);
                }
            }
            MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
            List<? extends TrackedEventMessage<?>> all =
                    engine.readEvents(engine.createTailToken(), false).toList();
            assertThat(all).hasSize(commits.size() * 3);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).trackingToken().position()).hasValue(i + 1L);
            }
            for (String stream : acknowledged) {
                assertThat(engine.readEvents(stream).asStream()).hasSize(3);
            }
            engine.appendEvents(notesFor(newClient(), 0, 1));
            assertThat(engine.createHeadToken().position()).hasValue(commits.size() * 3L + 1);
        }
    }
}
