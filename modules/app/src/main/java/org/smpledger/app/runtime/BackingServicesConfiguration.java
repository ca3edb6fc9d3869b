package org.smpledger.app.runtime;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.embedded.EmbeddedKafkaBroker;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Chooses, per backing service, between the one named in configuration and an embedded one
 * started here. Everything else in the service only sees the resulting endpoints and clients.
 */
@Configuration(proxyBeanMethods = false)
public class BackingServicesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BackingServicesConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${smp.mongodb.uri:}'.isBlank()")
    EmbeddedMongoServer embeddedMongoServer(RuntimeProperties properties) {
        RuntimeProperties.Mongo mongo = properties.mongodb();
        return EmbeddedMongoServer.fileBacked(
                properties.dataDir().resolve("mongodb"), mongo.embeddedHost(), mongo.embeddedPort());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${smp.kafka.bootstrap-servers:}'.isBlank()")
    EmbeddedKafkaBroker embeddedKafkaBroker(RuntimeProperties properties) {
        RuntimeProperties.Kafka kafka = properties.kafka();
        return EmbeddedKafkaBroker.start(
                properties.dataDir().resolve("kafka"),
                kafka.embeddedHost(),
                kafka.embeddedPort(),
                kafka.embeddedControllerPort());
    }

    @Bean
    ServiceEndpoint mongoEndpoint(RuntimeProperties properties, ObjectProvider<EmbeddedMongoServer> embedded) {
        return properties.mongodb().external()
                ? new ServiceEndpoint(properties.mongodb().uri(), false)
                : new ServiceEndpoint(embedded.getObject().connectionString(), true);
    }

    @Bean
    ServiceEndpoint kafkaEndpoint(RuntimeProperties properties, ObjectProvider<EmbeddedKafkaBroker> embedded) {
        return properties.kafka().external()
                ? new ServiceEndpoint(properties.kafka().bootstrapServers(), false)
                : new ServiceEndpoint(embedded.getObject().bootstrapServers(), true);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(@Qualifier("mongoEndpoint") ServiceEndpoint mongoEndpoint) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoEndpoint.address()))
                .applicationName("smp-ledger")
                .build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, RuntimeProperties properties) {
        return client.getDatabase(properties.mongodb().database());
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent ready) {
        var context = ready.getApplicationContext();
        RuntimeProperties properties = context.getBean(RuntimeProperties.class);
        log.info(
                "smp-ledger ready: MongoDB {} (database {}), Kafka {}, data folder {}",
                context.getBean("mongoEndpoint", ServiceEndpoint.class).describe(),
                properties.mongodb().database(),
                context.getBean("kafkaEndpoint", ServiceEndpoint.class).describe(),
                properties.dataDir().toAbsolutePath().normalize());
    }
}
