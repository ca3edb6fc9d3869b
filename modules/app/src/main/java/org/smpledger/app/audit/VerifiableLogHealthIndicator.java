package org.smpledger.app.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.smpledger.app.runtime.PromptHealthIndicator;
import org.smpledger.treatmentlog.TreeBuilding;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code verifiableLog}. UP while the tree's processor runs, including while the
 * tree catches up or retries a failure; DOWN when the processor is not running, or when building or
 * signing has kept failing for longer than {@code smp.verifiable-log.max-error-duration} (default
 * 1 min; e.g. a commit changed in the store that the builder refuses). Details: the store's head,
 * the tree's size and lag, the latest checkpoint's size, time and lag behind the head. The head is
 * read from the store: answered within 2 s or DOWN ({@link PromptHealthIndicator}).
 */
class VerifiableLogHealthIndicator extends PromptHealthIndicator implements DisposableBean {

    private final TreeBuilding building;
    private final Duration maxErrorDuration;
    private final Clock clock;

    VerifiableLogHealthIndicator(TreeBuilding building, Duration maxErrorDuration, Clock clock) {
        super("Verifiable log health check failed", "verifiable-log-health", Duration.ofSeconds(2));
        this.building = building;
        this.maxErrorDuration = maxErrorDuration;
        this.clock = clock;
    }

    @Override
    protected void check(Health.Builder builder) {
        TreeBuilding.Status status = building.status();
        boolean failingTooLong = status.failingSince() != null
                && status.failingSince().plus(maxErrorDuration).isBefore(clock.instant());
        builder.status(status.processorRunning() && !failingTooLong ? "UP" : "DOWN")
                .withDetail("processor", building.settings().processorName())
                .withDetail("processorRunning", status.processorRunning())
                .withDetail("treeSize", status.treeSize())
                .withDetail("checkpointSize", status.checkpointSize())
                .withDetail(
                        "lastCheckpointTime",
                        status.lastCheckpointTime() == null
                                ? "none yet"
                                : status.lastCheckpointTime().toString())
                .withDetail("maxErrorDuration", maxErrorDuration.toString());
        detail(builder, "headPosition", status.headPosition());
        detail(builder, "treeLag", status.treeLag());
        detail(builder, "checkpointLag", status.checkpointLag());
        if (status.failingSince() != null) {
            builder.withDetail("failingSince", status.failingSince().toString())
                    .withDetail("lastError", String.valueOf(status.lastError()));
        }
    }

    @Override
    public void destroy() {
        close();
    }

    private static void detail(Health.Builder builder, String name, OptionalLong value) {
        builder.withDetail(name, value.isPresent() ? value.getAsLong() : "unknown");
    }
}
