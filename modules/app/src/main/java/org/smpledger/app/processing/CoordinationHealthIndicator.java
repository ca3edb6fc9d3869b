package org.smpledger.app.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code coordination} (part of readiness): this instance's place among the
 * instances. UP while its heartbeat reaches the store (the last round at most three heartbeat
 * intervals old); DOWN when it has lost the store (a cut-off instance: its claims are about to
 * expire and others take its segments over). Details: the instance id, live instances, and per
 * processor its segments, those held here, every segment's owner and position, and the lag behind
 * the head as the store says (the same on every instance).
 */
class CoordinationHealthIndicator extends AbstractHealthIndicator {

    private final ServiceInstances instances;

    CoordinationHealthIndicator(ServiceInstances instances) {
        super("Coordination health check failed");
        this.instances = instances;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ServiceInstances.View view = instances.view();
        builder.status(instances.inTouch() ? "UP" : "DOWN").withDetail("instance", instances.id());
        if (view == null) {
            builder.withDetail("lastContact", "never");
            return;
        }
        builder.withDetail("lastContact", view.readAt().toString())
                .withDetail(
                        "sinceLastContact",
                        Duration.between(view.readAt(), Instant.now()).toString())
                .withDetail("liveInstances", view.liveInstances())
                .withDetail("headPosition", view.headPosition());
        Map<String, Object> processors = new LinkedHashMap<>();
        view.processors().forEach((name, processor) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("segments", processor.segments());
            detail.put("heldHere", processor.heldHere());
            detail.put("position", processor.position());
            detail.put("lag", processor.lag());
            detail.put(
                    "owners",
                    processor.stored().stream()
                            .map(token -> Map.of(
                                    "segment", token.segment(),
                                    "owner", String.valueOf(token.owner()),
                                    "position", token.position()))
                            .toList());
            processors.put(name, detail);
        });
        builder.withDetail("processors", processors);
    }
}
