package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;

/** Which generation of each projection answers queries. Queries always read through it. */
public interface LiveGenerations {

    Generation live(String projection);

    MongoDatabase database();

    /** One record by its {@code _id} from the live generation: the only kind of read the query side makes. */
    default <T> T byId(String projection, ReadModel<T> model, String id) {
        return model.in(database(), live(projection)).find(eq("_id", id)).first();
    }
}
