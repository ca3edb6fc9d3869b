package org.smpledger.projections;

import java.util.List;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A read model built from the event stream. Implementations are deterministic (the same events
 * give the same documents, field order included: no processing timestamps) and idempotent (an
 * event delivered again after a crash changes nothing), so a replay rebuilds the model exactly.
 */
public interface Projection {

    /** Stable name: the processor's name stem, the replay endpoint's path segment. */
    String name();

    /** Base names of the collections it writes (each generation suffixes them). */
    List<String> collections();

    void apply(ProjectionEvent event, ReadModelBatch batch);

    /**
     * The documents {@link #apply} will read for this event, so a batch can fetch them all at once
     * ({@code _id} {@code $in}) instead of one round trip each.
     */
    default List<ReadModel.Key> reads(ProjectionEvent event) {
        return List.of();
    }

    /**
     * Whether the projection may be split into segments by stream: true when every document an
     * event writes is owned by that event's stream (a per-client record, or a field of a shared
     * document that only that client's events set), so segments never write the same thing.
     */
    default boolean splitsByStream() {
        return true;
    }
}
