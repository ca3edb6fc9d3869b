package org.smpledger.app.instances;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.smpledger.embedded.EmbeddedKafkaBroker;
import org.smpledger.embedded.EmbeddedMongoServer;

/**
 * The store host of {@link NetworkCutTest}: an in-memory MongoDB wire server and a Kafka broker
 * listening on the given address, until the process is stopped. Prints {@code READY <mongodb uri>
 * <kafka bootstrap>} once both are up.
 */
public final class StoreHost {

    private StoreHost() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        Path dir = Files.createTempDirectory("smp-store-host");
        EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory(host, 27017);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir, host, 9092, 9093);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            mongo.close();
        }));
        System.out.println("READY " + mongo.connectionString() + " " + kafka.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
