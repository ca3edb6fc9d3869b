package org.smpledger.projections.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.function.Function;

/**
 * One collection of a projection: its base name (each generation suffixes it), the record stored in
 * it, and how a record names its document ({@code _id}).
 */
public record ReadModel<T>(String baseName, Class<T> type, Function<T, String> id) {

    /** This collection in the given generation, with records written through {@link ReadModelCodecs}. */
    public MongoCollection<T> in(MongoDatabase database, Generation generation) {
        return database.withCodecRegistry(ReadModelCodecs.REGISTRY)
                .getCollection(generation.collection(baseName), type);
    }

    /** A document of this collection that a batch will read. */
    public Key key(String documentId) {
        return new Key(this, documentId);
    }

    public record Key(ReadModel<?> model, String id) {}
}
