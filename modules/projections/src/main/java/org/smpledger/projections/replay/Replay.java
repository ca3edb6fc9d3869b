package org.smpledger.projections.replay;

import java.time.Duration;
import java.time.Instant;
import org.smpledger.projections.store.Generation;

/**
 * One rebuild of a projection, from generation {@code from} into {@code to}: how far it is, how
 * fast it goes and how it ended. Positions count from {@code base} (the position before the first
 * event) to the head, which moves while events keep arriving.
 */
public final class Replay {

    private final Generation from;
    private final Generation to;
    private final long base;
    private final Instant startedAt;
    private volatile ReplayProgress.State state = ReplayProgress.State.RUNNING;
    private volatile long done;
    private volatile long total;
    private volatile Instant now;
    private volatile Instant finishedAt;
    private volatile String failure;

    public Replay(Generation from, Generation to, long base, Instant startedAt) {
        this.from = from;
        this.to = to;
        this.base = base;
        this.startedAt = startedAt;
        this.now = startedAt;
    }

    public Generation from() {
        return from;
    }

    public Generation to() {
        return to;
    }

    public long base() {
        return base;
    }

    public boolean running() {
        return state == ReplayProgress.State.RUNNING;
    }

    /** The rebuilding processor has reached {@code position} while the head of the stream is at {@code head}. */
    public void advance(long position, long head, Instant at) {
        done = Math.max(0, position - base);
        total = Math.max(0, head - base);
        now = at;
    }

    public void complete(Instant at) {
        done = total;
        finishedAt = at;
        now = at;
        state = ReplayProgress.State.COMPLETED;
    }

    public void fail(Exception cause, Instant at) {
        fail(cause.toString(), at);
    }

    public void fail(String cause, Instant at) {
        failure = cause;
        finishedAt = at;
        state = ReplayProgress.State.FAILED;
    }

    /** Done and total events, the rate since the start and the time left at that rate (unknown until there is one). */
    public ReplayProgress progress() {
        double seconds = Duration.between(startedAt, finishedAt != null ? finishedAt : now)
                        .toNanos()
                / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        Duration eta = state == ReplayProgress.State.COMPLETED
                ? Duration.ZERO
                : rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        return new ReplayProgress(
                to.projection(),
                from.number(),
                to.number(),
                state,
                done,
                total,
                rate,
                eta,
                startedAt,
                finishedAt,
                failure);
    }

    /** {@code 500000/1000000 events (50.0%), 52000 events/s, ETA 9 s}. */
    public String describe() {
        ReplayProgress p = progress();
        return "%d/%d events (%.1f%%), %.0f events/s, ETA %s"
                .formatted(
                        p.eventsDone(),
                        p.eventsTotal(),
                        p.percentDone(),
                        p.eventsPerSecond(),
                        p.eta() == null ? "unknown" : p.eta().toSeconds() + " s");
    }
}
