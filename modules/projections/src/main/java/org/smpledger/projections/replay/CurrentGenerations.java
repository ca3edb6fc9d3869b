package org.smpledger.projections.replay;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.LiveGenerations;

/**
 * The generation each projection's queries read, as the store's pointers say: every instance reads
 * the same pointers. A pointer read is kept for at most {@code maxAge}; the instance's refresh loop
 * renews it well before that, and a query that finds it older (the loop held up, the store out of
 * reach) reads the pointer itself, or fails if it cannot: no query ever reads a generation named by a
 * pointer read longer than {@code maxAge} ago. That is what lets a replaced generation be dropped a
 * bounded time after the switch ({@link ProcessorSettings#retireAfter()} > {@code maxAge}).
 */
public final class CurrentGenerations implements LiveGenerations {

    private final MongoDatabase database;
    private final GenerationPointers pointers;
    private final Set<String> projections;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Read> live = new ConcurrentHashMap<>();

    /** A pointer's live generation and when (System.nanoTime) it was read from the store. */
    private record Read(Generation generation, long readAt) {}

    public CurrentGenerations(
            MongoDatabase database,
            GenerationPointers pointers,
            Set<String> projections,
            Duration maxAge,
            LongSupplier nanoTime) {
        this.database = database;
        this.pointers = pointers;
        this.projections = Set.copyOf(projections);
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Generation live(String projection) {
        Read read = live.get(projection);
        if (read != null && nanoTime.getAsLong() - read.readAt() < maxAgeNanos) {
            return read.generation();
        }
        return confirmedLive(projection);
    }

    @Override
    public Generation confirmedLive(String projection) {
        if (!projections.contains(projection)) {
            throw new IllegalArgumentException("no projection named " + projection + " is running");
        }
        long before = nanoTime.getAsLong();
        Generation generation =
                new Generation(projection, pointers.pointer(projection).live());
        seen(generation, before);
        return generation;
    }

    /** The live generation as last read from the store, however long ago (null before the first read). */
    public Generation lastSeen(String projection) {
        Read read = live.get(projection);
        return read == null ? null : read.generation();
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    /** The store's pointer named {@code generation} live in a read that started at {@code readAt} (nanoTime). */
    void seen(Generation generation, long readAt) {
        live.merge(
                generation.projection(),
                new Read(generation, readAt),
                (old, fresh) -> fresh.readAt() - old.readAt() >= 0 ? fresh : old);
    }
}
