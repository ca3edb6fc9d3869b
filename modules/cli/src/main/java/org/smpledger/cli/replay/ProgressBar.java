package org.smpledger.cli.replay;

import java.io.PrintStream;
import org.smpledger.projections.replay.Replay;
import org.smpledger.projections.replay.ReplayProgress;

/**
 * A replay's progress on one stderr line, redrawn at most every 200 ms:
 * {@code timeline [#######.............] 35000/100000 events (35.0%), 52000 events/s, ETA 1 s}.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDrawn;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(Replay replay, boolean force) {
        long now = System.nanoTime();
        if (!enabled || !force && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        ReplayProgress progress = replay.progress();
        int filled = (int) Math.round(progress.percentDone() / 100 * WIDTH);
        err.print("\r" + replay.to().projection() + " [" + "#".repeat(Math.max(0, Math.min(WIDTH, filled)))
                + ".".repeat(Math.max(0, WIDTH - filled)) + "] " + replay.describe() + "   ");
        err.flush();
    }

    void end() {
        if (enabled) {
            err.println();
        }
    }
}
