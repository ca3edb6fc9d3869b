package org.smpledger.projections.replay;

import java.time.Instant;
import java.util.Optional;
import org.smpledger.projections.store.Generation;

/**
 * Where each projection's generations stand: the live one, the one being rebuilt, the highest
 * number given out, the one waiting to be dropped. Every change is one atomic update of one
 * projection's pointer, conditional on what the caller saw where instances could race, so several
 * instances share the pointers and exactly one of them wins each change.
 */
public interface GenerationPointers {

    /** The projection's pointer, created (generation 1 live) if it has none yet. */
    GenerationPointer pointer(String projection);

    /** Reserves the next unused generation number as the one being rebuilt (whatever is being rebuilt now). */
    Generation reserveNext(String projection);

    /**
     * Reserves the next unused generation number as the one being rebuilt, unless a rebuild is under
     * way already (then empty): of two instances asking at once, one gets it.
     */
    Optional<Generation> startBuilding(String projection);

    /** Makes {@code generation} live (written in the current format) and ends its rebuild. */
    void makeLive(Generation generation);

    /**
     * Makes the rebuilt {@code to} live if {@code from} is still live and {@code to} still being
     * built; {@code from} is then to be dropped after {@code retireAfter}. False when another instance
     * made the switch first (or the rebuild was abandoned).
     */
    boolean switchLive(Generation from, Generation to, Instant retireAfter);

    /** Marks a generation no longer live (e.g. written in an older format) to be dropped after {@code retireAfter}. */
    void retire(Generation generation, Instant retireAfter);

    /** The retiring generation has been dropped; false if another instance recorded it first. */
    boolean retired(Generation generation);

    /** Forgets the rebuild under way (it will not become live). */
    void abandonBuilding(String projection);
}
