package org.smpledger.app.runtime;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service keeps its data and which MongoDB and Kafka it talks to. An empty
 * {@code smp.mongodb.uri} or {@code smp.kafka.bootstrap-servers} starts the embedded one.
 */
@ConfigurationProperties(prefix = "smp")
public record RuntimeProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue Mongo mongodb,
        @DefaultValue Kafka kafka) {

    public record Mongo(
            @DefaultValue("") String uri,
            @DefaultValue("smp_ledger") String database,
            @DefaultValue("127.0.0.1") String embeddedHost,
            @DefaultValue("0") int embeddedPort) {

        public boolean external() {
            return !uri.isBlank();
        }
    }

    public record Kafka(
            @DefaultValue("") String bootstrapServers,
            @DefaultValue("127.0.0.1") String embeddedHost,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("0") int embeddedControllerPort) {

        public boolean external() {
            return !bootstrapServers.isBlank();
        }
    }
}
