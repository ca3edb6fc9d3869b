package org.smpledger.app.runtime;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health component "mongo": a {@code ping} round trip through the driver. */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;
    private final ServiceEndpoint endpoint;

    MongoHealthIndicator(MongoDatabase database, @Qualifier("mongoEndpoint") ServiceEndpoint endpoint) {
        super("MongoDB health check failed");
        this.database = database;
        this.endpoint = endpoint;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document reply = database.runCommand(new Document("ping", 1));
        builder.status(reply.get("ok", Number.class).doubleValue() == 1.0 ? "UP" : "DOWN")
                .withDetail("embedded", endpoint.embedded())
                .withDetail("database", database.getName());
    }
}
