package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bson.Document;

/** Which generation of each projection answers queries. Queries always read through it. */
public interface LiveGenerations {

    /** The most ids one query of {@link #byIds} names. */
    int IDS_PER_READ = 100;

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
     * One record by its {@code _id} from the live generation. A record not found is looked for once
     * more in the generation the store names live now, if that is another one: a read that started
     * just before a replay's switch (and was held up until the old generation was dropped) answers
     * from the new generation, never empty.
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

    /**
     * The records with these {@code _id}s from the live generation, in the order of {@code ids}
     * (each once; ids without a record left out), read by {@code _id $in} with at most
     * {@value #IDS_PER_READ} ids per query. With the guarantee of {@link #byId}: ids not found are
     * looked for once more in the generation the store names live now, if that is another one, so a
     * read that started before a switch and outlived the old generation (even between two of its
     * queries) still finds every record.
     */
    default <T> Map<String, T> byIds(String projection, ReadModel<T> model, Collection<String> ids) {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(ids));
        return readLive(projection, model, wanted, found -> found.size() < wanted.size());
    }

    /**
     * As {@link #byIds}, for at most {@value #IDS_PER_READ} ids read in one query of which any may
     * have no record (the buckets of a roster): looked for again in the generation the store names
     * live now only when none was found, since one query cannot see a generation half dropped.
     */
    default <T> Map<String, T> someByIds(String projection, ReadModel<T> model, List<String> ids) {
        if (ids.size() > IDS_PER_READ) {
            throw new IllegalArgumentException("at most " + IDS_PER_READ + " ids in one read");
        }
        return readLive(projection, model, ids, Map::isEmpty);
    }

    /**
     * The records of {@code ids} from the live generation, in their order; the ids not found are
     * looked for again in the generation the store names live now when {@code lookAgain} says so of
     * what was found and that generation is another one.
     */
    private <T> Map<String, T> readLive(
            String projection, ReadModel<T> model, List<String> ids, Predicate<Map<String, T>> lookAgain) {
        Map<String, T> found = new HashMap<>();
        Generation generation = live(projection);
        readInto(found, model, generation, ids);
        if (lookAgain.test(found)) {
            Generation now = confirmedLive(projection);
            if (!now.equals(generation)) {
                readInto(
                        found,
                        model,
                        now,
                        ids.stream().filter(id -> !found.containsKey(id)).toList());
            }
        }
        return inOrder(ids, found);
    }

    private static <T> Map<String, T> inOrder(List<String> ids, Map<String, T> found) {
        Map<String, T> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            T record = found.get(id);
            if (record != null) {
                ordered.put(id, record);
            }
        }
        return ordered;
    }

    private <T> void readInto(Map<String, T> found, ReadModel<T> model, Generation generation, List<String> ids) {
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            model.in(database(), generation)
                    .find(new Document("_id", new Document("$in", chunk)))
                    .forEach(record -> found.put(model.id().apply(record), record));
        }
    }
}
