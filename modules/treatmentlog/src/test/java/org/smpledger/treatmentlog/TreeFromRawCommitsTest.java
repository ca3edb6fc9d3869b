package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.processing.EventProcessors;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.store.CheckpointPolicy;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.StoredTree;
import org.smpledger.verifier.store.TreeBuilder;

/**
 * The tree's processor reading the event store's raw commits: the same tree as one built by reading
 * the commits again, from a token inside a commit (a deployment's token of the events' stream) and
 * across a gap the builder reads itself; and at the head no read of its own of the commits.
 */
class TreeFromRawCommitsTest {

    private static final String PROCESSOR = "verifiable-log";

    private final LogSigner signer =
            new LogSigner("clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());
    private final StoreOnMongo events = new StoreOnMongo("tree_raw");
    /** The tree's own client: every find it sends of the commits collection is counted. */
    private final List<Document> treeFinds = new CopyOnWriteArrayList<>();

    private final MongoClient treeClient = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find")
                            && "event_commits"
                                    .equals(event.getCommand().getString("find").getValue())) {
                        treeFinds.add(Document.parse(event.getCommand().toJson()));
                    }
                }
            })
            .build());
    private final LogStore store = LogStore.on(treeClient.getDatabase(events.database.getName()));
    /** A second tree over the same commits, built by reading them (the builder's own reads). */
    private final LogStore byReading = LogStore.on(events.database).withTreePrefix("by_reading");

    @AfterEach
    void close() {
        treeClient.close();
        events.close();
    }

    @Test
    void theTreeOfTheRawCommitsHasTheRootsOfTheTreeBuiltByReadingAndReadsNoCommitAtTheHead() throws Exception {
        try (EventProcessors processors = EventProcessors.running(events.store, new InMemoryTokenStore());
                TreeBuilding building = rawBuilding(new CheckpointPolicy(25, Duration.ofHours(1)))) {
            events.commits(40); // commits of 1-3 events
            building.registerWith(processors);
            long first = head();
            await().atMost(Duration.ofSeconds(30)).until(() -> building.size() == first);
            assertThat(treeFinds)
                    .as("the tree's reads of commits once it has them all")
                    .isEmpty();

            // at the head: commits one after the other, while the tree keeps up
            for (int i = 0; i < 30; i++) {
                events.commit();
                Thread.sleep(i % 5 == 0 ? 40 : 2);
            }
            long total = head();
            await().atMost(Duration.ofSeconds(30)).until(() -> building.size() == total);

            assertThat(treeFinds).as("finds of commits sent by the tree").isEmpty();
            assertThat(building.lag()).hasValue(0);
            assertThat(processors.position(PROCESSOR)).hasValue(total);
            assertSameTreeAsByReading(total);
            VerificationReport report = new LogVerifier(store, signer.key()).verify(building.checkpoint());
            assertThat(report.verified()).as(report.toString()).isTrue();
        }
    }

    @Test
    void aDeploymentsTokenInsideACommitResumesWithTheWholeCommitAndTheTreeStaysTheSame() {
        events.commits(30);
        long inside = insideACommit();
        // as the processor reading events left it: the tree holds whole commits through the token
        TreeBuilder.builder(store, signer).build().appendThrough(inside);
        long held = store.tree().size();
        assertThat(held).isGreaterThan(inside);
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        tokens.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(inside));

        try (EventProcessors processors = EventProcessors.running(events.store, tokens);
                TreeBuilding building = rawBuilding(new CheckpointPolicy(10, Duration.ofHours(1)))) {
            building.registerWith(processors);
            events.commits(20);
            long total = head();
            await().atMost(Duration.ofSeconds(30)).until(() -> building.size() == total);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> processors.position(PROCESSOR).orElse(0) == total);
            assertSameTreeAsByReading(total);
        }
    }

    @Test
    void positionsBeforeTheFirstCommitTheProcessorBringsAreReadByTheBuilder() {
        events.commits(40);
        long inside = insideACommit();
        // a token ahead of the tree (its tiles lost, or a tree started anew): the builder reads the gap
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        tokens.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(inside));

        try (EventProcessors processors = EventProcessors.running(events.store, tokens);
                TreeBuilding building = rawBuilding(new CheckpointPolicy(10, Duration.ofHours(1)))) {
            building.registerWith(processors);
            long total = head();
            await().atMost(Duration.ofSeconds(30)).until(() -> building.size() == total);
            assertThat(treeFinds)
                    .as("the gap before the first commit given, read by the builder")
                    .isNotEmpty();
            assertSameTreeAsByReading(total);
        }
    }

    private TreeBuilding rawBuilding(CheckpointPolicy policy) {
        return new TreeBuilding(
                store,
                signer,
                new TreeBuilding.Settings(PROCESSOR, 100, policy),
                Clock.systemUTC(),
                checkpoint -> {},
                events.engine.rawCommits(Duration.ofMillis(200)));
    }

    private long head() {
        return events.engine.createHeadToken().position().orElseThrow();
    }

    /** A position inside a commit of several events, past the first few commits. */
    private long insideACommit() {
        List<Document> commits = events.database
                .getCollection("event_commits")
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
        for (Document commit : commits.subList(5, commits.size())) {
            if (commit.getInteger("n") >= 2) {
                return commit.get("_id", Number.class).longValue();
            }
        }
        throw new IllegalStateException("no commit of several events");
    }

    /** Every size's root of the tree built from the raw commits is the root of the tree built by reading. */
    private void assertSameTreeAsByReading(long size) {
        TreeBuilder.builder(byReading, signer).build().catchUp();
        StoredTree raw = store.tree();
        StoredTree read = byReading.tree();
        assertThat(raw.size()).isEqualTo(size);
        assertThat(read.size()).isEqualTo(size);
        for (long n = 1; n <= size; n++) {
            assertThat(raw.root(n)).as("root of the first %d events", n).isEqualTo(read.root(n));
        }
    }
}
