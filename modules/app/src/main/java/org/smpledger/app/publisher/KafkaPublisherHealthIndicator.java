package org.smpledger.app.publisher;

import java.time.Duration;
import java.util.OptionalLong;
import org.smpledger.app.runtime.PromptHealthIndicator;
import org.smpledger.publisher.KafkaPublication;
import org.smpledger.publisher.PublicationStatus;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code kafkaPublisher}. UP while the publisher runs, including while it catches
 * up or retries after a failure; DOWN when its processor is not running, or when publication has
 * kept failing for longer than {@code smp.publisher.max-error-duration} (default 5 min). Details: state, lag, positions.
 * Lag and positions are read from the store: answered within 2 s or DOWN ({@link PromptHealthIndicator}).
 */
class KafkaPublisherHealthIndicator extends PromptHealthIndicator implements DisposableBean {

    private final KafkaPublication publication;

    KafkaPublisherHealthIndicator(KafkaPublication publication) {
        super("Kafka publisher health check failed", "kafka-publisher-health", Duration.ofSeconds(2));
        this.publication = publication;
    }

    @Override
    protected void check(Health.Builder builder) {
        builder.withDetail("processor", publication.settings().processorName())
                .withDetail("topics", publication.settings().topics().all().values());
        PublicationStatus status = publication.monitor().status();
        builder.status(status.healthy() ? "UP" : "DOWN")
                .withDetail("state", status.state())
                .withDetail("publishedEvents", status.publishedEvents())
                .withDetail(
                        "maxErrorDuration",
                        publication.settings().maxErrorDuration().toString());
        detail(builder, "lag", status.lag());
        detail(builder, "headPosition", status.headPosition());
        detail(builder, "publishedPosition", status.publishedPosition());
        if (status.failingSince() != null) {
            builder.withDetail("failingSince", status.failingSince().toString())
                    .withDetail("lastError", String.valueOf(status.lastError()));
        }
    }

    private static void detail(Health.Builder builder, String name, OptionalLong value) {
        builder.withDetail(name, value.isPresent() ? value.getAsLong() : "unknown");
    }

    @Override
    public void destroy() {
        close();
    }
}
