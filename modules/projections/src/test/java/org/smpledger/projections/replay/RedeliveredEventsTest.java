package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.Courses;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEventHandler;
import org.smpledger.projections.ProjectionsHarness;
import org.smpledger.projections.ReadModelDump;
import org.smpledger.projections.store.Generation;

/** At-least-once delivery: a processor restarting from an older token hands events over again. */
class RedeliveredEventsTest {

    @Test
    void handlingEveryEventAgainLeavesEveryReadModelAsItWas() throws Exception {
        try (ProjectionsHarness harness = new ProjectionsHarness()) {
            Courses.record(harness.clinic, 40, 7);
            List<TrackedEventMessage<?>> events = new ArrayList<>();
            try (BlockingStream<TrackedEventMessage<?>> stream =
                    harness.events.store().openStream(null)) {
                while (stream.hasNextAvailable()) {
                    events.add(stream.nextAvailable());
                }
            }
            for (Projection projection : ReplayWithoutEmptyWindowTest.PROJECTIONS) {
                Generation once = new Generation(projection.name(), 50);
                Generation twice = new Generation(projection.name(), 51);
                ProjectionEventHandler onceHandler = new ProjectionEventHandler(projection, harness.database, once);
                ProjectionEventHandler twiceHandler = new ProjectionEventHandler(projection, harness.database, twice);
                for (TrackedEventMessage<?> event : events) {
                    onceHandler.handleAlone(event);
                }
                // a crash after half the events: everything from the start is delivered again
                for (TrackedEventMessage<?> event : events.subList(0, events.size() / 2)) {
                    twiceHandler.handleAlone(event);
                }
                for (TrackedEventMessage<?> event : events) {
                    twiceHandler.handleAlone(event);
                }
                assertThat(ReadModelDump.of(harness.database, projection, twice))
                        .as(projection.name())
                        .isEqualTo(ReadModelDump.of(harness.database, projection, once));
            }
        }
    }
}
