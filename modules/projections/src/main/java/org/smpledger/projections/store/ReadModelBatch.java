package org.smpledger.projections.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;

/**
 * The writes of one batch of events to one generation's collections, held in memory and sent
 * when the batch ends: a document touched by many events of the batch is read once (by
 * {@code _id}) and written once. Two kinds of write: whole documents (per client, per lot), and
 * {@code $set} of single fields in shared documents (a clinic's list), which are never read back.
 * Every read is an exact {@code _id} lookup; every write a single-document atomic operation.
 */
public final class ReadModelBatch {

    private static final Document ABSENT = new Document();

    private final MongoDatabase database;
    private final Generation generation;
    private final Map<String, Map<String, Document>> documents = new LinkedHashMap<>();
    private final Map<String, Map<String, Document>> changed = new LinkedHashMap<>();
    private final Map<String, Map<String, Document>> fieldSets = new LinkedHashMap<>();

    public ReadModelBatch(MongoDatabase database, Generation generation) {
        this.database = database;
        this.generation = generation;
    }

    /** The document as this batch sees it (earlier events of the batch included), or null. */
    public Document find(String collection, String id) {
        Map<String, Document> cache = documents.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        Document cached = cache.get(id);
        if (cached == null) {
            Document stored = database.getCollection(generation.collection(collection)).find(eq("_id", id)).first();
            cached = stored == null ? ABSENT : stored;
            cache.put(id, cached);
        }
        return cached == ABSENT ? null : cached;
    }

    /** Reads the documents the batch will need, up to 100 ids per query, and remembers the absent ones. */
    public void prefetch(List<String[]> keys) {
        Map<String, List<String>> byCollection = new LinkedHashMap<>();
        for (String[] key : keys) {
            Map<String, Document> cache = documents.computeIfAbsent(key[0], c -> new LinkedHashMap<>());
            List<String> ids = byCollection.computeIfAbsent(key[0], c -> new ArrayList<>());
            if (!cache.containsKey(key[1]) && !ids.contains(key[1])) {
                ids.add(key[1]);
            }
        }
        byCollection.forEach((collection, ids) -> {
            Map<String, Document> cache = documents.get(collection);
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
        documents.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
        changed.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, document);
    }

    /** Sets one field (a dotted path) of a shared document, creating the document if needed. */
    public void set(String collection, String id, String field, Object value) {
        fieldSets.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, i -> new Document())
                .put(field, value);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && fieldSets.isEmpty();
    }

    public void flush() {
        ReplaceOptions upsertReplace = new ReplaceOptions().upsert(true);
        UpdateOptions upsertUpdate = new UpdateOptions().upsert(true);
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        fieldSets.forEach((collection, byId) -> byId.forEach((id, fields) -> writes
                .computeIfAbsent(collection, c -> new ArrayList<>())
                .add(new UpdateOneModel<>(new Document("_id", id), new Document("$set", fields), upsertUpdate))));
        changed.forEach((collection, byId) -> byId.forEach((id, document) -> writes
                .computeIfAbsent(collection, c -> new ArrayList<>())
                .add(new ReplaceOneModel<>(new Document("_id", id), document, upsertReplace))));
        writes.forEach((collection, models) -> database.getCollection(generation.collection(collection))
                .bulkWrite(models, new BulkWriteOptions().ordered(true)));
        changed.clear();
        fieldSets.clear();
        documents.clear();
    }
}
