package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** Which generation of each projection answers queries. Queries always read through it. */
public interface LiveGenerations {

    Generation live(String projection);

    MongoDatabase database();

    default MongoCollection<Document> collection(String projection, String baseName) {
        return database().getCollection(live(projection).collection(baseName));
    }

    /** One document by its {@code _id}: the only kind of read the query side makes. */
    default Document byId(String projection, String baseName, String id) {
        return collection(projection, baseName).find(eq("_id", id)).first();
    }
}
