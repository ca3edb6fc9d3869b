package org.smpledger.embedded;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Conditional updates by {@code _id} as MongoDB runs them: an update whose filter names one
 * {@code _id} and adds conditions ({@code {_id: x, version: {$lte: 7}}}, a conditional replace)
 * looks that one document up by its key instead of scanning the collection, which is what
 * mongo-java-server does with any filter beyond the bare key. The document is read and the
 * statement run under a lock of its collection that every insert and update of the collection
 * takes, so the check and the write are one step as on MongoDB. An upsert whose document exists
 * but does not match fails with a duplicate key (E11000), as on MongoDB. Statements this cannot
 * run as MongoDB would (equalities besides the key, which an upsert copies into the document it
 * inserts; positional updates; collations) go to the server as they are.
 */
final class UpdatesById {

    /** A backend's own command handling. */
    interface Commands {
        Document handle(Channel channel, String database, String command, Document query);
    }

    private static final Set<String> LOCKING = Set.of("insert", "update", "delete", "findandmodify");
    private static final int DUPLICATE_KEY = 11000;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    Document handle(Commands backend, Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!LOCKING.contains(name) || !(query.get(command) instanceof String collection)) {
            return backend.handle(channel, database, command, query);
        }
        ReentrantLock lock = locks.computeIfAbsent(database + "." + collection, key -> new ReentrantLock());
        lock.lock();
        try {
            if (name.equals("update") && query.get("updates") instanceof List<?> updates) {
                List<Object> keys = updates.stream()
                        .map(u -> u instanceof Document statement ? keyOf(statement) : null)
                        .toList();
                if (keys.stream().anyMatch(Objects::nonNull)) {
                    return updateOneByOne(backend, channel, database, collection, query, updates, keys);
                }
            }
            return backend.handle(channel, database, command, query);
        } finally {
            lock.unlock();
        }
    }

    /** The one {@code _id} a single-document update's filter names besides other conditions; else null. */
    private static Object keyOf(Document statement) {
        if (Boolean.TRUE.equals(statement.get("multi")) || !(statement.get("q") instanceof Document filter)) {
            return null;
        }
        Object id = filter.get("_id");
        boolean plainKey = id != null
                && !(id instanceof Document)
                && !(id instanceof List)
                && !(id instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression);
        if (!plainKey
                || filter.size() < 2
                || statement.containsKey("collation")
                || statement.containsKey("arrayFilters")
                || !(statement.get("u") instanceof Document update)
                || positional(update)) {
            return null;
        }
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            // an upsert copies the filter's equalities into the document it inserts: those stay with the server
            if (!condition.getKey().equals("_id") && !operatorsOnly(condition.getKey(), condition.getValue())) {
                return null;
            }
        }
        return id;
    }

    /** A field's conditions with no equality in them ({@code {$not: {$gt: 5}}}, {@code {$lte: 7}}). */
    private static boolean operatorsOnly(String field, Object conditions) {
        return !field.startsWith("$")
                && conditions instanceof Document operators
                && !operators.isEmpty()
                && operators.keySet().stream()
                        .allMatch(operator ->
                                operator.startsWith("$") && !operator.equals("$eq") && !operator.equals("$in"));
    }

    /** An update naming a matched array element ({@code a.$}, {@code a.$[x]}), which needs the filter it matched. */
    private static boolean positional(Document update) {
        for (Map.Entry<String, Object> entry : update.entrySet()) {
            if (entry.getKey().contains(".$")
                    || entry.getKey().startsWith("$")
                            && entry.getValue() instanceof Document fields
                            && positional(fields)) {
                return true;
            }
        }
        return false;
    }

    private Document updateOneByOne(
            Commands backend,
            Channel channel,
            String database,
            String collection,
            Document query,
            List<?> updates,
            List<Object> keys) {
        boolean ordered = !Boolean.FALSE.equals(query.get("ordered"));
        int matched = 0;
        int modified = 0;
        List<Document> upserted = new ArrayList<>();
        List<Document> errors = new ArrayList<>();
        for (int index = 0; index < updates.size(); index++) {
            Document statement = (Document) updates.get(index);
            Object id = keys.get(index);
            if (id != null) {
                Document stored = findById(backend, channel, database, collection, id);
                Document filter = (Document) statement.get("q");
                if (stored != null && !new DefaultQueryMatcher().matches(stored, filter)) {
                    if (Boolean.TRUE.equals(statement.get("upsert"))) {
                        errors.add(new Document("index", index)
                                .append("code", DUPLICATE_KEY)
                                .append(
                                        "errmsg",
                                        "E11000 duplicate key error collection: " + database + "." + collection
                                                + " index: _id_ dup key: { _id: " + id + " }"));
                        if (ordered) {
                            break;
                        }
                    }
                    continue;
                }
                statement = copyOf(statement);
                statement.put("q", new Document("_id", id));
            }
            Document one = copyOf(query);
            one.put("updates", List.of(statement));
            Document answer = backend.handle(channel, database, "update", one);
            matched += ((Number) answer.getOrDefault("n", 0)).intValue();
            modified += ((Number) answer.getOrDefault("nModified", 0)).intValue();
            if (answer.get("upserted") instanceof List<?> ids) {
                for (Object upsert : ids) {
                    Document entry = copyOf((Document) upsert);
                    entry.put("index", index);
                    upserted.add(entry);
                }
            }
            if (answer.get("writeErrors") instanceof List<?> failed && !failed.isEmpty()) {
                for (Object error : failed) {
                    Document entry = copyOf((Document) error);
                    entry.put("index", index);
                    errors.add(entry);
                }
                if (ordered) {
                    break;
                }
            }
        }
        Document answer = new Document("n", matched).append("nModified", modified);
        if (!upserted.isEmpty()) {
            answer.append("upserted", upserted);
        }
        if (!errors.isEmpty()) {
            answer.append("writeErrors", errors);
        }
        return answer.append("ok", 1.0);
    }

    private static Document findById(Commands backend, Channel channel, String database, String collection, Object id) {
        Document find = new Document("find", collection)
                .append("filter", new Document("_id", id))
                .append("limit", 1)
                .append("singleBatch", true);
        Document answer = backend.handle(channel, database, "find", find);
        if (answer.get("cursor") instanceof Document cursor && cursor.get("firstBatch") instanceof List<?> batch) {
            return batch.isEmpty() ? null : (Document) batch.get(0);
        }
        return null;
    }

    private static Document copyOf(Document document) {
        Document copy = new Document();
        copy.putAll(document);
        return copy;
    }
}
