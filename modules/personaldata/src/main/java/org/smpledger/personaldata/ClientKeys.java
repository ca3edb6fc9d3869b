package org.smpledger.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Every client's own AES-256 key, in its own collection ({@code client_keys}, {@code _id} = client id),
 * wrapped by the {@link KeyEncryptionKey}. A client's key is made with the first personal value stored
 * for the client. Erasure replaces the document by one that says when the key was destroyed and holds
 * no key material, so the client's sealed values can never be opened again, and no new key is ever made
 * for that client. Every read is by {@code _id}. Unwrapped keys, and that a client's key is destroyed,
 * are kept in memory for {@code cacheFor}, for at most {@code cacheCapacity} clients (the least recently
 * used go first); an erasure through this instance replaces the client's cached key at once.
 */
public final class ClientKeys {

    public static final String DEFAULT_COLLECTION = "client_keys";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is on record for a client's key. */
    public sealed interface KeyState {}

    /** No personal value was ever stored for the client. */
    public record NoKey() implements KeyState {}

    public record Active(SecretKey key) implements KeyState {}

    public record Erased(Instant erasedAt) implements KeyState {}

    /** Personal data of an erased client cannot be stored: its key is gone for good. */
    public static final class ClientErased extends IllegalStateException {
        public ClientErased(String clientId) {
            super("the personal data of client " + clientId + " is erased; none can be stored for it");
        }
    }

    private final MongoCollection<Document> keys;
    private final KeyEncryptionKey kek;
    /** Active keys and erasures, never {@link NoKey}; null when caching is off. */
    private final Cache<String, KeyState> cache;

    public ClientKeys(
            MongoDatabase database, String collection, KeyEncryptionKey kek, Duration cacheFor, int cacheCapacity) {
        this.keys = database.getCollection(collection);
        this.kek = kek;
        this.cache = cacheFor.isNegative() || cacheFor.isZero() || cacheCapacity <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(cacheCapacity)
                        .expireAfterWrite(cacheFor)
                        .build();
    }

    public ClientKeys(MongoDatabase database, KeyEncryptionKey kek) {
        this(database, DEFAULT_COLLECTION, kek, Duration.ofMinutes(1), 10_000);
    }

    /**
     * The client's key, made and stored if the client has none yet.
     *
     * @throws ClientErased when the client's key was destroyed
     */
    public SecretKey forWriting(String clientId) {
        return forWriting(clientId, null);
    }

    /** As {@link #forWriting(String)}; a new key's document also names the client's clinic (for retention reviews). */
    public SecretKey forWriting(String clientId, String clinicId) {
        KeyState state = stateOf(clientId);
        if (state instanceof Active active) {
            return active.key();
        }
        if (state instanceof Erased) {
            throw new ClientErased(clientId);
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
            keys.insertOne(new Document("_id", clientId)
                    .append("key", new Binary(kek.wrap(fresh, clientId)))
                    .append("clinicId", clinicId)
                    .append("kek", kek.id())
                    .append("createdAt", new Date()));
            SecretKey key = new SecretKeySpec(fresh, "AES");
            if (remember(clientId, new Active(key)) instanceof Erased) {
                throw new ClientErased(clientId);
            }
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return forWriting(clientId, clinicId);
        }
    }

    /** What is on record for the client's key (one read by {@code _id}, or the memory). */
    public KeyState stateOf(String clientId) {
        KeyState cached = cache == null ? null : cache.getIfPresent(clientId);
        return cached != null ? cached : load(clientId);
    }

    /** The clients among {@code clientIds} whose key was destroyed, and when (one {@code _id $in} read). */
    public Map<String, Instant> erasedAmong(Collection<String> clientIds) {
        Map<String, Instant> erased = new HashMap<>();
        if (clientIds.isEmpty()) {
            return erased;
        }
        List<String> ids = new ArrayList<>(clientIds);
        for (Document document : keys.find(Filters.in("_id", ids))) {
            Date at = document.getDate("erasedAt");
            if (at != null) {
                erased.put(document.getString("_id"), at.toInstant());
            }
        }
        return erased;
    }

    /** A clinic's clients with a key document (active or erased), in no order: a scan, for reviews, not for requests. */
    public Map<String, Instant> clientsOf(String clinicId) {
        Map<String, Instant> clients = new HashMap<>();
        for (Document document : keys.find(Filters.eq("clinicId", clinicId))) {
            Date erasedAt = document.getDate("erasedAt");
            clients.put(document.getString("_id"), erasedAt == null ? null : erasedAt.toInstant());
        }
        return clients;
    }

    /**
     * Destroys the client's key: its document is replaced by one without key material. Whatever this
     * client's sealed values are, nothing can open them from now on. Doing it again changes nothing.
     */
    public void shred(String clientId, Instant erasedAt) {
        remember(clientId, new Erased(erasedAt));
        Optional<Instant> already = Optional.ofNullable(
                        keys.find(Filters.eq("_id", clientId)).first())
                .map(d -> d.getDate("erasedAt"))
                .map(Date::toInstant);
        if (already.isPresent()) {
            return;
        }
        keys.replaceOne(
                Filters.eq("_id", clientId),
                new Document("_id", clientId)
                        .append("clinicId", clinicOf(clientId))
                        .append("erasedAt", Date.from(erasedAt)),
                new ReplaceOptions().upsert(true));
    }

    private String clinicOf(String clientId) {
        Document document = keys.find(Filters.eq("_id", clientId)).first();
        return document == null ? null : document.getString("clinicId");
    }

    private KeyState load(String clientId) {
        Document document = keys.find(Filters.eq("_id", clientId)).first();
        if (document == null) {
            return new NoKey();
        }
        Date erasedAt = document.getDate("erasedAt");
        if (erasedAt != null) {
            return remember(clientId, new Erased(erasedAt.toInstant()));
        }
        Binary wrapped = document.get("key", Binary.class);
        SecretKey key = new SecretKeySpec(kek.unwrap(wrapped.getData(), clientId), "AES");
        return remember(clientId, new Active(key));
    }

    /**
     * Keeps what was read, unless the client is known erased meanwhile: a read that began before an
     * erasure and ends after it must not put the destroyed key back. Returns what is now on record.
     */
    private KeyState remember(String clientId, KeyState state) {
        if (cache == null) {
            return state;
        }
        KeyState kept = cache.asMap().merge(clientId, state, (old, fresh) -> old instanceof Erased ? old : fresh);
        return kept instanceof Erased ? kept : state;
    }

    /** How many clients' key states are held in memory now (after pending evictions). */
    long cachedClients() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
