package org.smpledger.projections.replay;

import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.store.ReadModelCodecs;

/**
 * Which generation of a projection answers queries ({@code live}), which one is being rebuilt
 * ({@code building}, null when none), the highest number ever given out (never reused, so a
 * discarded rebuild's collections and token can never be mistaken for a new one's), the
 * {@link ReadModelCodecs#FORMAT} the live generation was written in (null: the first format, before
 * it was recorded), and the generation that stopped being live and is dropped once
 * {@code retireAfter} has passed ({@code retiring}; null when none). One document per projection
 * in {@code projection_generations}, shared by every instance.
 */
public record GenerationPointer(
        @BsonId String projection,
        int live,
        Integer building,
        int highest,
        Integer format,
        Integer retiring,
        Instant retireAfter) {

    public static GenerationPointer first(String projection) {
        return new GenerationPointer(projection, 1, null, 1, ReadModelCodecs.FORMAT, null, null);
    }

    /** Whether the live generation was written in the format this code reads. */
    public boolean readable() {
        return format != null && format == ReadModelCodecs.FORMAT;
    }
}
