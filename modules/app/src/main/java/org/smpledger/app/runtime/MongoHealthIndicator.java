package org.smpledger.app.runtime;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component "mongo": a {@code ping} round trip through the driver, answered within 2 s or
 * DOWN ({@link PromptHealthIndicator}: an instance cut off from the store gets no answer, and the
 * health request is not held up by it).
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends PromptHealthIndicator implements DisposableBean {

    private final MongoDatabase database;
    private final ServiceEndpoint endpoint;

    MongoHealthIndicator(MongoDatabase database, @Qualifier("mongoEndpoint") ServiceEndpoint endpoint) {
        super("MongoDB health check failed", "mongo-health-ping", Duration.ofSeconds(2));
        this.database = database;
        this.endpoint = endpoint;
    }

    @Override
    protected void check(Health.Builder builder) {
        builder.withDetail("embedded", endpoint.embedded()).withDetail("database", database.getName());
        Document reply = database.runCommand(new Document("ping", 1));
        builder.status(reply.get("ok", Number.class).doubleValue() == 1.0 ? "UP" : "DOWN");
    }

    @Override
    public void destroy() {
        close();
    }
}
