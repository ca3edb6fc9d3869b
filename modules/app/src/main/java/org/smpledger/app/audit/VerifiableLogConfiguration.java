package org.smpledger.app.audit;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.eventstore.EventStoreProperties;
import org.smpledger.app.runtime.RuntimeProperties;
import org.smpledger.app.runtime.ServiceEndpoint;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.processing.EventProcessors;
import org.smpledger.treatmentlog.CheckpointKey;
import org.smpledger.treatmentlog.CheckpointPublication;
import org.smpledger.treatmentlog.LogAudit;
import org.smpledger.treatmentlog.TreeBuilding;
import org.smpledger.verifier.store.CheckpointPolicy;
import org.smpledger.verifier.store.LogStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Wires the verifiable log: the deployment's checkpoint key (logged where it is, never what it is),
 * the tree's processor {@code verifiable-log} (registered with the service's {@link EventProcessors}:
 * one segment, global order, off the command path, reading the event store's raw commits), publication of each checkpoint to Kafka, and the
 * audit queries behind {@code /api/audit/*}. Off with {@code smp.verifiable-log.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "smp.verifiable-log", name = "enabled", havingValue = "true", matchIfMissing = true)
public class VerifiableLogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VerifiableLogConfiguration.class);

    @Bean
    LogStore logStore(MongoDatabase database, EventStoreProperties eventStore, VerifiableLogProperties properties) {
        return LogStore.on(database)
                .withCommitCollection(eventStore.commitCollection())
                .withTreePrefix(properties.collectionPrefix());
    }

    @Bean
    CheckpointKey checkpointKey(VerifiableLogProperties properties, RuntimeProperties runtime) {
        VerifiableLogProperties.Key key = properties.key();
        Path file = given(key.file()) != null
                ? key.file()
                : runtime.dataDir().resolve("verifiable-log").resolve("checkpoint-key.pem");
        CheckpointKey loaded = CheckpointKey.load(new CheckpointKey.Source(
                properties.origin(),
                key.privateKey(),
                given(key.keystore()),
                key.keystoreAlias(),
                key.keystorePassword() == null || key.keystorePassword().isEmpty()
                        ? null
                        : key.keystorePassword().toCharArray(),
                file,
                key.createIfMissing()));
        log.info(
                "Verifiable log {}: checkpoints signed with the key {} {}; verifier key {}",
                properties.origin(),
                loaded.created() ? "created now in" : "from",
                loaded.source(),
                loaded.signer().key().verifierKey());
        return loaded;
    }

    @Bean(destroyMethod = "close")
    CheckpointPublication checkpointPublication(
            VerifiableLogProperties properties, @Qualifier("kafkaEndpoint") ServiceEndpoint kafka) {
        VerifiableLogProperties.Kafka settings = properties.kafka();
        return new CheckpointPublication(new CheckpointPublication.Settings(
                kafka.address(), settings.topic(), settings.replicationFactor(), settings.ackTimeout()));
    }

    @Bean(destroyMethod = "close")
    TreeBuilding treeBuilding(
            VerifiableLogProperties properties,
            LogStore store,
            CheckpointKey key,
            ObjectProvider<CheckpointPublication> publication,
            EventProcessors processors,
            MongoCommitStorageEngine engine,
            EventStoreProperties eventStore,
            Clock clock) {
        CheckpointPublication kafka = properties.kafka().enabled() ? publication.getObject() : null;
        TreeBuilding building = new TreeBuilding(
                store,
                key.signer(),
                new TreeBuilding.Settings(
                        properties.processorName(),
                        properties.batchSize(),
                        new CheckpointPolicy(
                                properties.checkpoints().everyEvents(),
                                properties.checkpoints().every())),
                clock,
                checkpoint -> {
                    if (kafka != null) {
                        kafka.accept(checkpoint);
                    }
                },
                engine.rawCommits(eventStore.pollInterval()));
        building.registerWith(processors);
        return building;
    }

    @Bean(destroyMethod = "close")
    LogAudit logAudit(LogStore store, CheckpointKey key, Clock clock) {
        return new LogAudit(store, key.signer().key(), clock);
    }

    @Bean("verifiableLogHealthIndicator")
    VerifiableLogHealthIndicator verifiableLogHealthIndicator(
            TreeBuilding building, VerifiableLogProperties properties, Clock clock) {
        return new VerifiableLogHealthIndicator(building, properties.maxErrorDuration(), clock);
    }

    @Bean
    MeterBinder verifiableLogCheckpointMetrics(TreeBuilding building) {
        return registry -> Gauge.builder(
                        "smp.verifiable-log.checkpoint-lag",
                        building,
                        b -> b.status().checkpointLag().stream()
                                .mapToDouble(lag -> lag)
                                .findFirst()
                                .orElse(Double.NaN))
                .description("stored events no signed checkpoint covers yet")
                .baseUnit("events")
                .register(registry);
    }

    @Bean
    LogVerifications logVerifications(LogAudit audit, @Value("${smp.verifiable-log.verify-wait:10s}") Duration wait) {
        return new LogVerifications(audit, wait);
    }

    @Bean
    MeterBinder verifiableLogMetrics(TreeBuilding building) {
        return registry -> Gauge.builder(
                        "smp.verifiable-log.lag",
                        building,
                        b -> b.lag().stream()
                                .mapToDouble(lag -> lag)
                                .findFirst()
                                .orElse(Double.NaN))
                .description("stored events the Merkle tree does not hold yet")
                .baseUnit("events")
                .register(registry);
    }

    /** Creates the checkpoint topic and publishes the latest checkpoint again (its first send may have been lost). */
    @EventListener(ApplicationStartedEvent.class)
    void publishLatest(ApplicationStartedEvent started) {
        VerifiableLogProperties properties = started.getApplicationContext().getBean(VerifiableLogProperties.class);
        if (!properties.kafka().enabled()) {
            return;
        }
        CheckpointPublication publication = started.getApplicationContext().getBean(CheckpointPublication.class);
        publication.provisionTopic(Duration.ofSeconds(5));
        try {
            started.getApplicationContext()
                    .getBean(LogStore.class)
                    .checkpoints()
                    .latest()
                    .ifPresent(publication::republish);
        } catch (RuntimeException e) {
            log.warn("The latest checkpoint was not published again: {}", e.getMessage());
        }
    }

    /** An empty setting (an unset environment variable) is no path. */
    private static Path given(Path path) {
        return path == null || path.toString().isEmpty() ? null : path;
    }
}
