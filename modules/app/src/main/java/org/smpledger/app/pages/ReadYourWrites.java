package org.smpledger.app.pages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.replay.ProjectionStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * After a page records something, waits (with a bound) until every read model has written up to
 * the head of the event stream as it stood right after the append, so the page that follows shows
 * what was just recorded instead of a stale record.
 */
@Component
class ReadYourWrites {

    private static final long POLL_MILLIS = 10;

    private final ObjectProvider<ProjectionProcessors> processors;
    private final Duration bound;

    ReadYourWrites(
            ObjectProvider<ProjectionProcessors> processors,
            @Value("${smp.web.read-your-writes-wait:5s}") Duration bound) {
        this.processors = processors;
        this.bound = bound;
    }

    /** True once every projection has caught up; false when the bound passed first. */
    boolean await() {
        ProjectionProcessors running = processors.getIfAvailable();
        if (running == null) {
            return true;
        }
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String name : running.names()) {
            Long head = running.status(name).headPosition();
            if (head != null) {
                heads.put(name, head);
            }
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            boolean caughtUp = heads.entrySet().stream().allMatch(head -> {
                ProjectionStatus status = running.status(head.getKey());
                return status.position() != null && status.position() >= head.getValue();
            });
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
