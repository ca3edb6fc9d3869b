package org.smpledger.projections.replay;

import org.smpledger.projections.store.Generation;

/**
 * Where each projection's generations stand: the live one, the one being rebuilt, the highest
 * number given out. Every change is one atomic update of one projection's pointer, so several
 * instances can share the pointers.
 */
public interface GenerationPointers {

    /** The projection's pointer, created (generation 1 live) if it has none yet. */
    GenerationPointer pointer(String projection);

    /** Reserves the next unused generation number as the one being rebuilt. */
    Generation reserveNext(String projection);

    /** Makes {@code generation} live (written in the current format) and ends its rebuild. */
    void makeLive(Generation generation);

    /** Forgets the rebuild under way (it will not become live). */
    void abandonBuilding(String projection);
}
