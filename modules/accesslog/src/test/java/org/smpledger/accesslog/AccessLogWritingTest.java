package org.smpledger.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/** The writer: nothing queued is lost on a clean close, a store outage only delays, and the log is only ever inserted into. */
class AccessLogWritingTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:15:00Z");

    @Test
    void everyRecordQueuedFromManyThreadsIsStoredOnceByTheTimeCloseReturns() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                String collection = event.getCommand()
                                .get(event.getCommandName())
                                .isString()
                        ? event.getCommand().getString(event.getCommandName()).getValue()
                        : "";
                commands.add(event.getCommandName() + " " + collection);
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
                .addCommandListener(listener)
                .build())) {
            MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("accesslog_write"));
            MongoAccessLog.Settings defaults = MongoAccessLog.Settings.defaults();
            // the defaults but close's patience: on a loaded build machine 6,000 records take longer than 10 s
            MongoAccessLog.Settings patient = new MongoAccessLog.Settings(
                    defaults.collection(),
                    defaults.queueCapacity(),
                    defaults.batchSize(),
                    defaults.maxDelay(),
                    defaults.offerTimeout(),
                    Duration.ofSeconds(90));
            MongoAccessLog accessLog = MongoAccessLog.start(database, patient, RecordOwners.none(), Clock.systemUTC());
            ExecutorService threads = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.submit(() -> {
                    for (int i = 0; i < 1500; i++) {
                        accessLog.record(AccessRecords.timelineRead(
                                "pr-" + thread, "clinic-north", "north-" + (i % 10), T0.plusMillis(i)));
                    }
                });
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            accessLog.close();
            List<String> writerCommands = List.copyOf(commands);

            assertThat(accessLog.dropped()).isZero();
            assertThat(accessLog.written()).isEqualTo(6000);
            assertThat(database.getCollection("access_log").countDocuments()).isEqualTo(6000);
            // each read is listed for its client and for the clinic's hour
            assertThat(database.getCollection("access_log_index").countDocuments())
                    .isEqualTo(12000);
            long listed = 0;
            for (int c = 0; c < 10; c++) {
                listed += new AccessLogQueries(database, "access_log")
                        .forClient("clinic-north", "north-" + c, 0, 1)
                        .total();
            }
            assertThat(listed).isEqualTo(6000);
            assertThat(writerCommands)
                    .filteredOn(c -> c.endsWith(" access_log") || c.endsWith(" access_log_index"))
                    .allMatch(
                            c -> c.startsWith("insert ") || c.startsWith("find "), "append-only: insert and find only");
        }
    }

    @Test
    void recordsQueuedWhileMongoDbIsUnreachableAreWrittenOnceItIsBackWithoutDuplicates() throws Exception {
        int mongoPort = Integer.parseInt(TestMongo.connectionString().replaceAll(".*:(\\d+).*", "$1"));
        try (CuttableLink link = new CuttableLink(mongoPort);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + link.port()
                        + "/?serverSelectionTimeoutMS=500&connectTimeoutMS=500&socketTimeoutMS=2000")) {
            MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("accesslog_outage"));
            MongoAccessLog accessLog = MongoAccessLog.start(
                    database, MongoAccessLog.Settings.defaults(), RecordOwners.none(), Clock.systemUTC());
            accessLog.record(AccessRecords.timelineRead("pr-1", "clinic-north", "north-rae", T0));
            await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.written() == 1);

            link.cut();
            for (int i = 1; i <= 20; i++) {
                accessLog.record(AccessRecords.timelineRead("pr-1", "clinic-north", "north-rae", T0.plusSeconds(i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.failedWrites() > 0);
            assertThat(accessLog.failingSince()).isPresent();
            assertThat(accessLog.written()).isEqualTo(1);

            link.heal();
            await().atMost(Duration.ofSeconds(20)).until(() -> accessLog.written() == 21);
            accessLog.close();
            assertThat(accessLog.dropped()).isZero();
            assertThat(accessLog.failingSince()).isEmpty();
            assertThat(database.getCollection("access_log").countDocuments()).isEqualTo(21);
            AccessLogPage page =
                    new AccessLogQueries(database, "access_log").forClient("clinic-north", "north-rae", 0, 50);
            assertThat(page.total()).isEqualTo(21);
            assertThat(page.items()).hasSize(21).doesNotHaveDuplicates();
        }
    }

    @Test
    void closeGivesUpAfterItsTimeoutWhenMongoDbStaysDownAndCountsWhatItLost() throws TimeoutException {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300";
        server.shutdownNow();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoAccessLog.Settings settings = new MongoAccessLog.Settings(
                    "access_log", 100, 50, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1));
            MongoAccessLog accessLog =
                    MongoAccessLog.start(client.getDatabase("gone"), settings, RecordOwners.none(), Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                assertThat(accessLog.record(AccessRecords.timelineRead("pr-1", "clinic-north", "north-rae", T0)))
                        .isTrue();
            }
            long started = System.nanoTime();
            accessLog.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(accessLog.dropped()).isEqualTo(5);
            assertThat(accessLog.record(AccessRecords.timelineRead("pr-1", "clinic-north", "north-rae", T0)))
                    .as("after close nothing is queued")
                    .isFalse();
        }
    }
}
