package org.smpledger.projections.replay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rebuilds of each projection: the latest one (running or ended) is what operators see. This
 * implementation keeps them in the instance's memory: a rebuild interrupted by a restart is
 * discarded at start-up, so nothing of it has to outlive the instance. Sharing rebuilds between
 * instances means keeping these records in the store instead, behind the same methods.
 */
public final class Replays {

    private final Map<String, Replay> latest = new ConcurrentHashMap<>();

    public Optional<Replay> latest(String projection) {
        return Optional.ofNullable(latest.get(projection));
    }

    /** The running rebuild of the projection, if one runs. */
    public Optional<Replay> running(String projection) {
        return latest(projection).filter(Replay::running);
    }

    /** Records a rebuild that has just started; it becomes the projection's latest. */
    public void started(Replay replay) {
        latest.put(replay.to().projection(), replay);
    }
}
