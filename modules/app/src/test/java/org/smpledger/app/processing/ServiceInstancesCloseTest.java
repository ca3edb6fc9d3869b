package org.smpledger.app.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
