package org.smpledger.projections.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
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
import java.util.Objects;
import java.util.Set;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonElement;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The writes of one batch of events to one generation's collections, held in memory and sent
 * when the batch ends: a document touched by many events of the batch is read once (by
 * {@code _id}) and written once. Two kinds of write: whole records (per client, per lot, a client's
 * line in a clinic list), and {@code $set} of single fields in shared documents (a clinic's
 * policies, a bucket of its roster), which the projections never read back (an in-memory fold
 * such as the analyst's as-of view does: {@link #find} applies them).
 * Every read is an exact {@code _id} lookup; every write a single-document atomic operation.
 * <p>
 * A batch may start while the previous one's writes are still on their way (write-behind): it
 * then takes the documents that batch read or wrote from it, not from the store. A batch is
 * flushed once, possibly on another thread; after that nothing in it changes.
 * <p>
 * A batch of a processor knows the global position of its last event; every whole record it writes
 * carries that position ({@value #POSITION}) and replaces only a record written from no further on.
 * An instance cut off from the store may see its writes land after another instance took its
 * segment over and went further: those writes are refused, not applied over the newer records.
 * (Field sets are not fenced: each field is set from one event, to the same value by whoever sets
 * it.)
 */
public final class ReadModelBatch {

    /** The field of a whole record holding the position of the last event of the batch that wrote it. */
    public static final String POSITION = "_position";

    private static final Object ABSENT = new Object();
    private static final long UNFENCED = -1;
    private static final ReplaceOptions UPSERT_REPLACE = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;
    private final Generation generation;
    private final long position;
    private ReadModelBatch previous;
    private final Map<ReadModel<?>, Map<String, Object>> documents = new LinkedHashMap<>();
    private final Map<ReadModel<?>, Map<String, Object>> changed = new LinkedHashMap<>();
    private final Map<ReadModel<?>, Map<String, Document>> fieldSets = new LinkedHashMap<>();
    /** Saved documents this batch read as absent: inserted, not upserted (the server's upsert deep-copies). */
    private final Map<ReadModel<?>, Set<String>> absentAtRead = new HashMap<>();

    /** A batch of no processor (a fold in memory, a test): its records replace whatever is stored. */
    public ReadModelBatch(MongoDatabase database, Generation generation) {
        this(database, generation, null, UNFENCED);
    }

    /**
     * A batch of a processor whose last event is at global {@code position}, following
     * {@code previous} (null: none), whose writes are sent or being sent and will be in the store
     * before this batch's.
     */
    public ReadModelBatch(MongoDatabase database, Generation generation, ReadModelBatch previous, long position) {
        if (position < UNFENCED) {
            throw new IllegalArgumentException("a batch's position is 0 or more");
        }
        this.database = database;
        this.generation = generation;
        this.previous = previous;
        this.position = position;
    }

    /** The previous batch's writes are in the store: read from there from now on. */
    public void previousWritten() {
        previous = null;
    }

    /** The batch's view of a document it read or wrote: a record, ABSENT, or null (never looked at). */
    private Object known(ReadModel<?> model, String id) {
        Map<String, Object> cache = documents.get(model);
        return cache == null ? null : cache.get(id);
    }

    /**
     * The record as this batch sees it (earlier events of the batch included), or null; with the
     * fields this batch (and a previous one still on its way) set in it, as the store will hold it.
     */
    public <T> T find(ReadModel<T> model, String id) {
        Map<String, Object> cache = documents.computeIfAbsent(model, m -> new LinkedHashMap<>());
        Object cached = cache.get(id);
        if (cached == null && previous != null) {
            cached = previous.known(model, id);
        }
        if (cached == null) {
            T stored = model.in(database, generation).find(eq("_id", id)).first();
            cached = stored == null ? ABSENT : stored;
            cache.put(id, cached);
        }
        T found = cached == ABSENT ? null : model.type().cast(cached);
        Document previousSets = previous == null ? null : previous.fieldsSet(model, id);
        Document sets = fieldsSet(model, id);
        if (previousSets == null && sets == null) {
            return found;
        }
        BsonDocument document = found == null
                ? new BsonDocument("_id", new BsonString(id))
                : copy(new RawBsonDocument(found, ReadModelCodecs.REGISTRY.get(model.type())));
        for (Document fields : new Document[] {previousSets, sets}) {
            if (fields != null) {
                setFields(document, fields.toBsonDocument(BsonDocument.class, ReadModelCodecs.REGISTRY));
            }
        }
        return ReadModelCodecs.REGISTRY
                .get(model.type())
                .decode(
                        new BsonDocumentReader(document),
                        DecoderContext.builder().build());
    }

    private Document fieldsSet(ReadModel<?> model, String id) {
        Map<String, Document> sets = fieldSets.get(model);
        return sets == null ? null : sets.get(id);
    }

    /** Applies {@code $set}s of dotted paths to {@code document}, as the store does. */
    private static void setFields(BsonDocument document, BsonDocument fields) {
        fields.forEach((path, value) -> {
            String[] steps = path.split("\\.");
            BsonDocument target = document;
            for (int i = 0; i < steps.length - 1; i++) {
                BsonValue next = target.get(steps[i]);
                BsonDocument child = next != null && next.isDocument() ? copy(next.asDocument()) : new BsonDocument();
                target.put(steps[i], child);
                target = child;
            }
            target.put(steps[steps.length - 1], value);
        });
    }

    private static BsonDocument copy(BsonDocument document) {
        BsonDocument copy = new BsonDocument();
        document.forEach(copy::put);
        return copy;
    }

    /** Reads the records the batch will need, up to 100 ids per query, and remembers the absent ones. */
    public void prefetch(List<ReadModel.Key> keys) {
        Map<ReadModel<?>, Set<String>> byModel = new LinkedHashMap<>();
        for (ReadModel.Key key : keys) {
            Map<String, Object> cache = documents.computeIfAbsent(key.model(), m -> new LinkedHashMap<>());
            if (!cache.containsKey(key.id())) {
                Object inPrevious = previous == null ? null : previous.known(key.model(), key.id());
                if (inPrevious != null) {
                    cache.put(key.id(), inPrevious);
                } else {
                    byModel.computeIfAbsent(key.model(), m -> new LinkedHashSet<>())
                            .add(key.id());
                }
            }
        }
        byModel.forEach((model, unique) -> prefetch(model, new ArrayList<>(unique)));
    }

    private <T> void prefetch(ReadModel<T> model, List<String> ids) {
        Map<String, Object> cache = documents.get(model);
        MongoCollection<T> collection = model.in(database, generation);
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            chunk.forEach(id -> cache.put(id, ABSENT));
            collection
                    .find(new Document("_id", new Document("$in", chunk)))
                    .forEach(found -> cache.put(model.id().apply(found), found));
        }
    }

    /** Stores the whole record at the end of the batch. */
    public <T> void save(ReadModel<T> model, T record) {
        String id = model.id().apply(record);
        Object before =
                documents.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(id, record);
        if (before == ABSENT) {
            absentAtRead.computeIfAbsent(model, m -> new HashSet<>()).add(id);
        }
        changed.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(id, record);
    }

    /**
     * Stores a whole record the store does not hold yet as far as the caller knows (its owner's
     * record was new, or has just learned what makes this one exist), without reading it first: it
     * is inserted. Should it exist after all (events delivered again, another instance's write),
     * it goes again as a replace of a record written from no further on, as {@link #save}'s do.
     */
    public <T> void saveNew(ReadModel<T> model, T record) {
        String id = model.id().apply(record);
        Map<String, Object> cache = documents.computeIfAbsent(model, m -> new LinkedHashMap<>());
        if (!cache.containsKey(id) && (previous == null || previous.known(model, id) == null)) {
            cache.put(id, ABSENT);
        }
        save(model, record);
    }

    /**
     * Sets one field (a dotted path) of a shared document, creating the document if needed. Not for
     * a document the batch also {@link #save}s whole: the whole record would replace the fields.
     */
    public void set(ReadModel<?> model, String id, String field, Object value) {
        fieldSets
                .computeIfAbsent(model, m -> new LinkedHashMap<>())
                .computeIfAbsent(id, i -> new Document())
                .put(field, value);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && fieldSets.isEmpty();
    }

    /**
     * Sends the batch: per collection one bulk write. A document the batch read as absent is
     * inserted; should it exist after all (another processor took over this batch's events), it is
     * written again as the others are: replacing a record written from no further on, upserted when
     * none is stored. A record stored from further on stays as it is.
     */
    public void flush() {
        // whole records first: a client joins a clinic's roster (a field set) once its line is there
        Set<ReadModel<?>> models = new LinkedHashSet<>(changed.keySet());
        models.addAll(fieldSets.keySet());
        models.forEach(this::flush);
    }

    /**
     * Records are encoded here, once, into raw BSON (a plain binary writer, without the driver's
     * per-call wrappers on the way to the socket), then sent as they are.
     */
    private <T> void flush(ReadModel<T> model) {
        Codec<T> codec = ReadModelCodecs.REGISTRY.get(model.type());
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
        // what goes again for a write refused as a duplicate key (an insert of a record stored after
        // all, an upsert racing another instance's); null: nothing
        List<WriteModel<RawBsonDocument>> ifDuplicate = new ArrayList<>();
        Map<String, Document> sets = fieldSets.getOrDefault(model, Map.of());
        sets.forEach((id, fields) -> {
            WriteModel<RawBsonDocument> update =
                    new UpdateOneModel<>(new Document("_id", id), new Document("$set", fields), UPSERT_UPDATE);
            writes.add(update);
            ifDuplicate.add(update);
        });
        Set<String> absent = absentAtRead.getOrDefault(model, Set.of());
        changed.getOrDefault(model, Map.of()).forEach((id, saved) -> {
            RawBsonDocument record = stamped(new RawBsonDocument(model.type().cast(saved), codec));
            WriteModel<RawBsonDocument> replace = replaceUnlessFurther(id, record);
            if (absent.contains(id) && !sets.containsKey(id)) {
                writes.add(new InsertOneModel<>(record));
                ifDuplicate.add(replace);
            } else {
                writes.add(replace);
                // refused as a duplicate: stored from further on, it stays
                ifDuplicate.add(position == UNFENCED ? replace : null);
            }
        });
        MongoCollection<RawBsonDocument> target =
                model.in(database, generation).withDocumentClass(RawBsonDocument.class);
        List<WriteModel<RawBsonDocument>> again = duplicateKeys(target, writes).stream()
                .map(error -> ifDuplicate.get(error.getIndex()))
                .filter(Objects::nonNull)
                .toList();
        if (!again.isEmpty()) {
            // a duplicate key now: the record is stored from further on and stays
            duplicateKeys(target, again);
        }
    }

    /** Sends the writes (unordered) and returns those refused as duplicate keys; any other refusal is thrown. */
    private static List<BulkWriteError> duplicateKeys(
            MongoCollection<RawBsonDocument> target, List<WriteModel<RawBsonDocument>> writes) {
        try {
            target.bulkWrite(writes, UNORDERED);
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            return e.getWriteErrors();
        }
    }

    /** The record with this batch's position; as it is for a batch of no processor. */
    private RawBsonDocument stamped(RawBsonDocument record) {
        if (position == UNFENCED) {
            return record;
        }
        BasicOutputBuffer buffer = new BasicOutputBuffer(record.getByteBuffer().remaining() + 32);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.pipe(
                    new BsonBinaryReader(record.getByteBuffer().asNIO()),
                    List.of(new BsonElement(POSITION, new BsonInt64(position))));
        }
        return new RawBsonDocument(buffer.toByteArray());
    }

    /**
     * Replaces the record with {@code record} unless the store holds it from further on (filter
     * {@code _id} and a position no further than this batch's; upserted when absent, and a duplicate
     * key when stored from further on). A batch of no processor replaces whatever is stored.
     */
    private WriteModel<RawBsonDocument> replaceUnlessFurther(String id, RawBsonDocument record) {
        Document filter = new Document("_id", id);
        if (position != UNFENCED) {
            filter.append(POSITION, new Document("$not", new Document("$gt", position)));
        }
        return new ReplaceOneModel<>(filter, record, UPSERT_REPLACE);
    }
}
