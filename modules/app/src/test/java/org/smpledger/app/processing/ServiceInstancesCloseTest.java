package org.smpledger.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.processing.EventProcessors;

class ServiceInstancesCloseTest {

    @Test
    void aShutdownWithTheStoreOutOfReachDoesNotWaitForTheDriversServerSelection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // the driver's default server selection timeout: 30 s
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + closedPort + "/?directConnection=true")) {
            ServiceInstances instances = new ServiceInstances(
                    "instance-a",
                    client.getDatabase("unreachable"),
                    new EventProcessors(),
                    null,
                    new ProcessingProperties(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), ""),
                    Clock.systemUTC());

            long started = System.nanoTime();
            instances.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(ServiceInstances.CLOSE_WAIT.plusSeconds(3));
            instances.close(); // a second close is a no-op
        }
    }

    @Test
    void aStoppedInstancesRecordIsGoneAndNoHeartbeatWritesItBack() throws Exception {
        try (MongoClient client = MongoClients.create(TestMongo.connectionString())) {
            MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("instances_close"));
            // a heartbeat every millisecond: one due while the record is removed is the rule, not the exception
            ProcessingProperties beatingOften =
                    new ProcessingProperties(Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofSeconds(5), "");
            for (int i = 0; i < 20; i++) {
                String id = "instance-" + i;
                ServiceInstances instance = new ServiceInstances(
                        id, database, new EventProcessors(), null, beatingOften, Clock.systemUTC());
                instance.start();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> database.getCollection(ServiceInstances.COLLECTION)
                                        .countDocuments(new Document("_id", id))
                                == 1);
                instance.close();
                Thread.sleep(20);
                assertThat(database.getCollection(ServiceInstances.COLLECTION).countDocuments(new Document("_id", id)))
                        .as("the record of %s after it stopped", id)
                        .isZero();
            }
            database.drop();
        }
    }
}
