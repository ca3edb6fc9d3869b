package org.smpledger.projections.replay;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.projections.Projection;
import org.smpledger.projections.store.Generation;

/** Removes what a generation left behind: its collections and its processor's token. */
final class RetiredGenerations {

    private static final Logger log = LoggerFactory.getLogger(RetiredGenerations.class);

    private final MongoDatabase database;
    private final Consumer<String> tokenDeletion;

    /** {@code tokenDeletion} deletes the stored token of the named processor. */
    RetiredGenerations(MongoDatabase database, Consumer<String> tokenDeletion) {
        this.database = database;
        this.tokenDeletion = tokenDeletion;
    }

    void retire(Projection projection, Generation generation) {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        projection.collections().stream()
                .map(generation::collection)
                .filter(existing::contains)
                .forEach(collection -> database.getCollection(collection).drop());
        try {
            tokenDeletion.accept(generation.processorName());
        } catch (RuntimeException e) {
            // no token was stored for it, or the store cannot delete: the name is never used again
            log.debug("Token of {} not deleted: {}", generation.processorName(), e.toString());
        }
    }
}
