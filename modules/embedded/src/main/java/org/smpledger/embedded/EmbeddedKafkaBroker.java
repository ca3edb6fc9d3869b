package org.smpledger.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run
 * in this JVM from the Maven Central jars. Its log directory is formatted on first start and
 * reused afterwards, so topics and records survive a restart on the same folder.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(Path logDir, String host, int brokerPort, int controllerPort) {
        this.logDir = logDir;
        int port = LoopbackPorts.resolve(host, brokerPort);
        int controller = LoopbackPorts.resolve(host, controllerPort);
        while (controller == port) {
            controller = LoopbackPorts.resolve(host, 0);
        }
        this.bootstrapServers = host + ":" + port;
        Properties config = brokerConfig(logDir, host, port, controller);
        formatIfNew(logDir);
        this.server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
    }

    /**
     * Starts a broker whose log directory is {@code dataDir}. Port 0 picks a free loopback port.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, String host, int brokerPort, int controllerPort) {
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(dataDir.toAbsolutePath(), host, brokerPort, controllerPort);
        log.info(
                "Embedded Kafka broker (KRaft, single node) listening on {} with data in {} (started in {} ms)",
                broker.bootstrapServers,
                broker.logDir,
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker on {} stopped; data kept in {}", bootstrapServers, logDir);
    }

    private static Properties brokerConfig(Path logDir, String host, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        return p;
    }

    private static void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Formatter()
                    .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            log.debug(
                    "Formatted Kafka log directory {}: {}",
                    logDir,
                    out.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data folder " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data folder " + logDir + ": " + e.getMessage(), e);
        }
    }
}
