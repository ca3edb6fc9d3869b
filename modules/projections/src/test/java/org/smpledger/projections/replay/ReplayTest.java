package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.store.Generation;

class ReplayTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private final Replay replay = new Replay(new Generation("timeline", 3), new Generation("timeline", 4), -1, START);

    @Test
    void beforeAnyProgressTheTimeLeftIsUnknown() {
        ReplayProgress progress = replay.progress();
        assertThat(progress.state()).isEqualTo(ReplayProgress.State.RUNNING);
        assertThat(progress.fromGeneration()).isEqualTo(3);
        assertThat(progress.toGeneration()).isEqualTo(4);
        assertThat(progress.eventsDone()).isZero();
        assertThat(progress.eta()).isNull();
        assertThat(replay.describe()).isEqualTo("0/0 events (100.0%), 0 events/s, ETA unknown");
    }

    @Test
    void progressCountsFromTheFirstEventToTheMovingHeadAtTheRateSoFar() {
        replay.advance(499, 999, START.plusSeconds(10));
        ReplayProgress halfway = replay.progress();
        assertThat(halfway.eventsDone()).isEqualTo(500);
        assertThat(halfway.eventsTotal()).isEqualTo(1000);
        assertThat(halfway.percentDone()).isEqualTo(50.0);
        assertThat(halfway.eventsPerSecond()).isEqualTo(50.0);
        assertThat(halfway.eta()).isEqualTo(Duration.ofSeconds(10));
        assertThat(replay.describe()).isEqualTo("500/1000 events (50.0%), 50 events/s, ETA 10 s");

        replay.advance(1199, 1499, START.plusSeconds(20));
        assertThat(replay.progress().eventsTotal()).isEqualTo(1500);
        assertThat(replay.progress().eta()).isEqualTo(Duration.ofMillis(300 * 1000 / 60));
    }

    @Test
    void aCompletedReplayHasDoneEverythingAndKeepsItsFinalRate() {
        replay.advance(999, 999, START.plusSeconds(4));
        replay.complete(START.plusSeconds(5));
        ReplayProgress done = replay.progress();
        assertThat(done.state()).isEqualTo(ReplayProgress.State.COMPLETED);
        assertThat(done.eventsDone()).isEqualTo(done.eventsTotal()).isEqualTo(1000);
        assertThat(done.eta()).isEqualTo(Duration.ZERO);
        assertThat(done.finishedAt()).isEqualTo(START.plusSeconds(5));
        assertThat(done.eventsPerSecond()).isEqualTo(200.0);
        assertThat(replay.running()).isFalse();
    }

    @Test
    void aFailedReplaySaysWhyAndWhen() {
        replay.advance(99, 999, START.plusSeconds(1));
        replay.fail(new IllegalStateException("store unreachable"), START.plusSeconds(2));
        ReplayProgress failed = replay.progress();
        assertThat(failed.state()).isEqualTo(ReplayProgress.State.FAILED);
        assertThat(failed.failure()).isEqualTo("java.lang.IllegalStateException: store unreachable");
        assertThat(failed.finishedAt()).isEqualTo(START.plusSeconds(2));
        assertThat(failed.eventsDone()).isEqualTo(100);
        assertThat(replay.running()).isFalse();
    }
}
