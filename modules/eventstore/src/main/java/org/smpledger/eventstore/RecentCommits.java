package org.smpledger.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commits this engine's tracking readers read last, by first position, up to {@code positions}
 * positions behind the furthest one. Two readers of the same stretch (the processors' shared reader and
 * the raw commits of the tree's processor) then ask the store for each commit once: whichever comes
 * second takes the first one's documents. Commits never change, so a run found here is what the store
 * held when it was read, contiguous from the position asked.
 */
final class RecentCommits {

    private final ConcurrentSkipListMap<Long, TrackedCommit> byFirst = new ConcurrentSkipListMap<>();
    private final AtomicLong furthest = new AtomicLong();
    private final int positions;

    RecentCommits(int positions) {
        this.positions = positions;
    }

    /** Keeps a run of commits just read. */
    void keep(List<TrackedCommit> run) {
        if (run.isEmpty()) {
            return;
        }
        for (TrackedCommit commit : run) {
            byFirst.put(commit.first(), commit);
        }
        long end = furthest.accumulateAndGet(run.get(run.size() - 1).end(), Math::max);
        byFirst.headMap(end - positions).clear();
    }

    /**
     * The kept run of commits from the one holding {@code from}, until it covers {@code size} positions
     * or the next commit is not kept; empty when the commit holding {@code from} is not kept.
     */
    List<TrackedCommit> run(long from, int size) {
        Map.Entry<Long, TrackedCommit> holding = byFirst.floorEntry(from);
        if (holding == null || holding.getValue().end() <= from) {
            return List.of();
        }
        List<TrackedCommit> run = new ArrayList<>();
        TrackedCommit commit = holding.getValue();
        while (commit != null) {
            run.add(commit);
            if (commit.end() - from >= size) {
                break;
            }
            commit = byFirst.get(commit.end());
        }
        return run;
    }
}
