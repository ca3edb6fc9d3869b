package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The writes of one batch of events to one generation's collections, held in memory and sent
 * when the batch ends: a document touched by many events of the batch is read once (by
 * {@code _id}) and written once. Two kinds of write: whole documents (per client, per lot), and
 * {@code $set} of single fields in shared documents (a clinic's list), which are never read back.
 * Every read is an exact {@code _id} lookup; every write a single-document atomic operation.
 */
public final class ReadModelBatch {

    private static final Document ABSENT = new Document();
    private static final int DUPLICATE_KEY = 11000;
    private static final ReplaceOptions UPSERT_REPLACE = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final MongoDatabase database;
    private final Generation generation;
    private final Map<String, Map<String, Document>> documents = new LinkedHashMap<>();
    private final Map<String, Map<String, Document>> changed = new LinkedHashMap<>();
    private final Map<String, Map<String, Document>> fieldSets = new LinkedHashMap<>();
    /** Saved documents this batch read as absent: inserted, not upserted (the server's upsert deep-copies). */
    private final Map<String, Set<String>> absentAtRead = new HashMap<>();

    public ReadModelBatch(MongoDatabase database, Generation generation) {
        this.database = database;
        this.generation = generation;
    }

    /** The document as this batch sees it (earlier events of the batch included), or null. */
    public Document find(String collection, String id) {
        Map<String, Document> cache = documents.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        Document cached = cache.get(id);
        if (cached == null) {
            Document stored = database.getCollection(generation.collection(collection))
                    .find(eq("_id", id))
                    .first();
            cached = stored == null ? ABSENT : stored;
            cache.put(id, cached);
        }
        return cached == ABSENT ? null : cached;
    }

    /** Reads the documents the batch will need, up to 100 ids per query, and remembers the absent ones. */
    public void prefetch(List<String[]> keys) {
        Map<String, Set<String>> byCollection = new LinkedHashMap<>();
        for (String[] key : keys) {
            Map<String, Document> cache = documents.computeIfAbsent(key[0], c -> new LinkedHashMap<>());
            if (!cache.containsKey(key[1])) {
                byCollection.computeIfAbsent(key[0], c -> new LinkedHashSet<>()).add(key[1]);
            }
        }
        byCollection.forEach((collection, unique) -> {
            Map<String, Document> cache = documents.get(collection);
            List<String> ids = new ArrayList<>(unique);
            for (int from = 0; from < ids.size(); from += 100) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
                chunk.forEach(id -> cache.put(id, ABSENT));
                database.getCollection(generation.collection(collection))
                        .find(new Document("_id", new Document("$in", chunk)))
                        .forEach(found -> cache.put(found.get("_id").toString(), found));
            }
        });
    }

    /** Stores the whole document at the end of the batch. */
    public void save(String collection, String id, Document document) {
        Document before = documents
                .computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .put(id, document);
        if (before == ABSENT) {
            absentAtRead.computeIfAbsent(collection, c -> new HashSet<>()).add(id);
        }
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
    }

    /** Sets one field (a dotted path) of a shared document, creating the document if needed. */
    public void set(String collection, String id, String field, Object value) {
        fieldSets
                .computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, i -> new Document())
                .put(field, value);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && fieldSets.isEmpty();
    }

    /**
     * Sends the batch: per collection one ordered bulk write. A document the batch read as absent
     * is inserted; should it exist after all (another processor took over this batch's events), the
     * collection's writes are sent again as upserts, which leave the same documents.
     */
    public void flush() {
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        Map<String, List<WriteModel<Document>>> upserts = new LinkedHashMap<>();
        fieldSets.forEach((collection, byId) -> byId.forEach((id, fields) -> {
            WriteModel<Document> update =
                    new UpdateOneModel<>(new Document("_id", id), new Document("$set", fields), UPSERT_UPDATE);
            writes.computeIfAbsent(collection, c -> new ArrayList<>()).add(update);
            upserts.computeIfAbsent(collection, c -> new ArrayList<>()).add(update);
        }));
        changed.forEach((collection, byId) -> {
            Set<String> absent = absentAtRead.getOrDefault(collection, Set.of());
            Map<String, Document> setsHere = fieldSets.getOrDefault(collection, Map.of());
            byId.forEach((id, document) -> {
                WriteModel<Document> upsert = new ReplaceOneModel<>(new Document("_id", id), document, UPSERT_REPLACE);
                boolean insert = absent.contains(id) && !setsHere.containsKey(id) && id.equals(document.get("_id"));
                writes.computeIfAbsent(collection, c -> new ArrayList<>())
                        .add(insert ? new InsertOneModel<>(document) : upsert);
                upserts.computeIfAbsent(collection, c -> new ArrayList<>()).add(upsert);
            });
        });
        writes.forEach((collection, models) -> {
            MongoCollection<Document> target = database.getCollection(generation.collection(collection));
            try {
                target.bulkWrite(models, ORDERED);
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                    throw e;
                }
                target.bulkWrite(upserts.get(collection), ORDERED);
            }
        });
        changed.clear();
        fieldSets.clear();
        documents.clear();
        absentAtRead.clear();
    }
}
