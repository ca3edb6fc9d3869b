package org.smpledger.app.runtime;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component "mongo": a {@code ping} round trip through the driver, waited for at most
 * {@value #WAIT_SECONDS} s. An instance cut off from the store gets no answer (a connection whose
 * packets are dropped blocks until TCP gives up): it reports DOWN instead of holding the health
 * request, and sends no second ping while one is still unanswered.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

    private static final long WAIT_SECONDS = 2;

    private final MongoDatabase database;
    private final ServiceEndpoint endpoint;
    private final Executor pinger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mongo-health-ping");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Document> inFlight;
    private long sentAt;

    MongoHealthIndicator(MongoDatabase database, @Qualifier("mongoEndpoint") ServiceEndpoint endpoint) {
        super("MongoDB health check failed");
        this.database = database;
        this.endpoint = endpoint;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("embedded", endpoint.embedded()).withDetail("database", database.getName());
        CompletableFuture<Document> ping = ping();
        try {
            Document reply = ping.get(WAIT_SECONDS, TimeUnit.SECONDS);
            builder.status(reply.get("ok", Number.class).doubleValue() == 1.0 ? "UP" : "DOWN");
        } catch (TimeoutException e) {
            builder.down()
                    .withDetail(
                            "error",
                            "no answer to a ping for "
                                    + Duration.ofNanos(System.nanoTime() - sentAt)
                                            .toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private synchronized CompletableFuture<Document> ping() {
        if (inFlight == null || inFlight.isDone()) {
            sentAt = System.nanoTime();
            inFlight = CompletableFuture.supplyAsync(() -> database.runCommand(new Document("ping", 1)), pinger);
        }
        return inFlight;
    }
}
