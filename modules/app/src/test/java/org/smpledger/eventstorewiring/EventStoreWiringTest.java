package org.smpledger.eventstorewiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A command lands in MongoDB through our engine, and a tracking processor gets it with its token in MongoDB. */
class EventStoreWiringTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommandsEventIsStoredInMongoDbAndReachesATrackingProcessorWhoseTokenIsInMongoDb() {
        String databaseName = TestMongo.freshDatabaseName("wiring");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(
                                SmpLedgerApplication.class, TestWiring.class)
                        .run(
                                "--smp.data-dir=" + dataDir,
                                "--smp.mongodb.uri=" + TestMongo.connectionString(),
                                "--smp.mongodb.database=" + databaseName,
                                "--smp.kafka.embedded-port=0",
                                "--smp.kafka.embedded-controller-port=0",
                                "--server.port=0");
                MongoClient client = MongoClients.create(TestMongo.connectionString())) {
            assertThat(app.getBean(EventStorageEngine.class)).isInstanceOf(MongoCommitStorageEngine.class);

            app.getBean(CommandGateway.class).sendAndWait(new OpenLot("LOT-7", "dark ash"));

            MongoDatabase database = client.getDatabase(databaseName);
            Document commit = database.getCollection("event_commits")
                    .find(new Document("_id", 1L))
                    .first();
            assertThat(commit).isNotNull();
            assertThat(commit.getList("keys", String.class)).containsExactly("LOT-7:0");

            Received received = app.getBean(Received.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.lots.contains("LOT-7"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                TrackingToken token = app.getBean(TokenStore.class).fetchToken("wiring-test", 0);
                assertThat(token.position()).hasValue(1L);
            });
            assertThat(database.getCollection("tracking_tokens")
                            .countDocuments(new Document("processorName", "wiring-test")))
                    .isPositive();
        } finally {
            try (MongoClient client = MongoClients.create(TestMongo.connectionString())) {
                client.getDatabase(databaseName).drop();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(TestLot.class)
    static class TestWiring {
        @Bean
        Received received() {
            return new Received();
        }
    }

    record OpenLot(@TargetAggregateIdentifier String lot, String shade) {}

    record LotOpened(String lot, String shade) {}

    @Aggregate
    static class TestLot {
        @AggregateIdentifier
        private String lot;

        TestLot() {}

        @CommandHandler
        TestLot(OpenLot command) {
            apply(new LotOpened(command.lot(), command.shade()));
        }

        @EventSourcingHandler
        void on(LotOpened event) {
            this.lot = event.lot();
        }
    }

    @ProcessingGroup("wiring-test")
    static class Received {
        final List<String> lots = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(LotOpened event) {
            lots.add(event.lot());
        }
    }
}
