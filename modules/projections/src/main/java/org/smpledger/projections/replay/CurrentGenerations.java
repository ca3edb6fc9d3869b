package org.smpledger.projections.replay;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.LiveGenerations;

/**
 * The generation each projection's queries read, as this instance switched them: set at start from
 * the pointers, switched when a rebuild this instance drives goes live. (With several instances,
 * each would read the pointers instead, behind the same {@link LiveGenerations} interface.)
 */
public final class CurrentGenerations implements LiveGenerations {

    private final MongoDatabase database;
    private final Map<String, Generation> live = new ConcurrentHashMap<>();

    public CurrentGenerations(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Generation live(String projection) {
        Generation generation = live.get(projection);
        if (generation == null) {
            throw new IllegalArgumentException("no projection named " + projection + " is running");
        }
        return generation;
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    /** Queries of the generation's projection read it from now on. */
    public void use(Generation generation) {
        live.put(generation.projection(), generation);
    }
}
