package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;

/** Which generation of each projection answers queries. Queries always read through it. */
public interface LiveGenerations {

    Generation live(String projection);

    /**
     * The live generation as the store says it right now (not from a cache); by default
     * {@link #live}.
     */
    default Generation confirmedLive(String projection) {
        return live(projection);
    }

    MongoDatabase database();

    /**
     * One record by its {@code _id} from the live generation: the only kind of read the query side
     * makes. A record not found is looked for once more in the generation the store names live now,
     * if that is another one: a read that started just before a replay's switch (and was held up
     * until the old generation was dropped) answers from the new generation, never empty.
     */
    default <T> T byId(String projection, ReadModel<T> model, String id) {
        Generation generation = live(projection);
        T found = model.in(database(), generation).find(eq("_id", id)).first();
        if (found != null) {
            return found;
        }
        Generation now = confirmedLive(projection);
        return now.equals(generation)
                ? null
                : model.in(database(), now).find(eq("_id", id)).first();
    }
}
