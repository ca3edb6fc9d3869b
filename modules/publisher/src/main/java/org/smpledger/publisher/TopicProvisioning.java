package org.smpledger.publisher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the publisher's topics with the configured partitions and replication when they do not
 * exist yet; topics that exist are left as they are (a partition count differing from the settings
 * is logged, never changed: that would move streams to other partitions and break their order).
 */
public final class TopicProvisioning {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private final PublisherSettings settings;

    public TopicProvisioning(PublisherSettings settings) {
        this.settings = settings;
    }

    /** Makes sure every topic exists; throws when the cluster cannot be reached within {@code timeout}. */
    public void ensureTopics(Duration timeout) {
        long timeoutMs = timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                settings.processorName() + "-topics",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeoutMs, Integer.MAX_VALUE),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeoutMs, Integer.MAX_VALUE)))) {
            List<NewTopic> wanted = settings.topics().written().stream()
                    .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
                    .toList();
            for (var created : admin.createTopics(wanted).values().entrySet()) {
                try {
                    created.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                    log.info(
                            "Created topic {} ({} partitions, replication {})",
                            created.getKey(),
                            settings.partitions(),
                            settings.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(
                            wanted.stream().map(NewTopic::name).toList())
                    .allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            described.values().stream()
                    .filter(topic -> topic.partitions().size() != settings.partitions())
                    .forEach(topic -> log.warn(
                            "Topic {} has {} partitions, settings ask for {}; left as it is",
                            topic.name(),
                            topic.partitions().size(),
                            settings.partitions()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create Kafka topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }
}
