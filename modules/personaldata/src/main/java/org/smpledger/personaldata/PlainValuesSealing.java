package org.smpledger.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.contract.MarkedValues;

/**
 * Seals, in place, the personal values that versions without encryption stored in plain text, so that
 * an erasure crypto-shreds them like every other (docs/security.md, "Events stored before encryption").
 * Each such value is replaced by its sealed form under the client's key, or removed when the client's
 * key is already destroyed. Only events the verifiable log does not cover yet may be rewritten: its
 * leaves hash the stored bytes. Runs once per store, before any event processor starts (the tree is
 * then built over the sealed bytes); the outcome is recorded in {@code personal_data_migrations}.
 * Instances starting at once run it one at a time: the first inserts a running marker and renews its
 * lease while it works, the others wait for it to finish (or take over a lease that lapsed: the run
 * skips values already sealed, so running it again is harmless).
 *
 * <p>Each {@link Run} is done once: the first when a store meets encryption, later ones when the contract
 * marks more fields personal. A later run leaves plain values in events the log covers as they are (an
 * upgrade must not stop the service), counts them and forgets snapshots of their clients.
 */
public final class PlainValuesSealing {

    public static final String MIGRATIONS = "personal_data_migrations";
    static final String NAME = Run.ENCRYPTION.id;
    static final String RUNNING = "running";

    /** The runs, in the order they are made. */
    public enum Run {
        /** Every personal value, when a store written without encryption first meets it: covered ones stop the start. */
        ENCRYPTION("seal-plain-personal-values", true),
        /** The reasons of record corrections and rule overrides, marked personal later: covered ones stay. */
        REASONS("seal-plain-reasons", false);

        final String id;
        final boolean coveredStopsTheStart;

        Run(String id, boolean coveredStopsTheStart) {
            this.id = id;
            this.coveredStopsTheStart = coveredStopsTheStart;
        }
    }

    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    /** What one run did. */
    public record Outcome(
            boolean ranBefore,
            long commitsRewritten,
            long valuesSealed,
            long valuesRemoved,
            Set<String> clients,
            long coveredEventsLeft) {}

    /** Plain personal values in events the verifiable log already covers: they cannot be rewritten. */
    public static final class CoveredByTheLog extends IllegalStateException {
        public CoveredByTheLog(long events, long firstPosition) {
            super(events + " stored event(s) from position " + firstPosition
                    + " on hold personal data in plain text and"
                    + " are already covered by the verifiable log, so they cannot be sealed in place;"
                    + " see docs/security.md, \"Events stored before encryption\"");
        }
    }

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> migrations;
    private final ClientKeys keys;
    private final JsonEventSerializer json;
    private final ObjectMapper mapper;
    private final Duration lease;
    private final Run which;
    private final String name;

    public PlainValuesSealing(
            MongoDatabase database,
            String commitCollection,
            String snapshotCollection,
            ClientKeys keys,
            JsonEventSerializer json) {
        this(database, commitCollection, snapshotCollection, keys, json, Run.ENCRYPTION);
    }

    public PlainValuesSealing(
            MongoDatabase database,
            String commitCollection,
            String snapshotCollection,
            ClientKeys keys,
            JsonEventSerializer json,
            Run which) {
        this(database, commitCollection, snapshotCollection, keys, json, which, Duration.ofMinutes(1));
    }

    PlainValuesSealing(
            MongoDatabase database,
            String commitCollection,
            String snapshotCollection,
            ClientKeys keys,
            JsonEventSerializer json,
            Duration lease) {
        this(database, commitCollection, snapshotCollection, keys, json, Run.ENCRYPTION, lease);
    }

    PlainValuesSealing(
            MongoDatabase database,
            String commitCollection,
            String snapshotCollection,
            ClientKeys keys,
            JsonEventSerializer json,
            Run which,
            Duration lease) {
        this.lease = lease;
        this.which = which;
        this.name = which.id;
        this.commits = database.getCollection(commitCollection);
        this.snapshots = database.getCollection(snapshotCollection);
        this.migrations = database.getCollection(MIGRATIONS);
        this.keys = keys;
        this.json = json;
        this.mapper = json.getObjectMapper();
    }

    /**
     * Seals every plain personal value of the store, once.
     *
     * @param coveredPositions how many events (global positions 1..n) the verifiable log covers
     * @throws CoveredByTheLog when a plain value lies in a covered event and the run stops the start for
     *     it (the others are sealed)
     */
    public Outcome run(long coveredPositions) {
        String owner = UUID.randomUUID().toString();
        if (!runsHere(owner)) {
            return new Outcome(true, 0, 0, 0, Set.of(), 0);
        }
        try {
            return seal(coveredPositions, owner);
        } catch (RuntimeException e) {
            migrations.deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)));
            throw e;
        }
    }

    /** True when this caller holds the run; false when another has completed it (after waiting for it). */
    private boolean runsHere(String owner) {
        while (true) {
            Document marker = migrations.find(Filters.eq("_id", name)).first();
            if (marker == null) {
                try {
                    migrations.insertOne(new Document("_id", name)
                            .append("state", RUNNING)
                            .append("owner", owner)
                            .append("renewedAt", Date.from(Instant.now())));
                    return true;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            if (!RUNNING.equals(marker.getString("state"))) {
                return false;
            }
            Date renewed = marker.getDate("renewedAt");
            if (renewed.toInstant().plus(lease).isBefore(Instant.now())
                    && migrations
                                    .updateOne(
                                            Filters.and(
                                                    Filters.eq("_id", name),
                                                    Filters.eq("owner", marker.getString("owner")),
                                                    Filters.eq("renewedAt", renewed)),
                                            Updates.combine(
                                                    Updates.set("owner", owner),
                                                    Updates.set("renewedAt", Date.from(Instant.now()))))
                                    .getModifiedCount()
                            == 1) {
                return true;
            }
            try {
                Thread.sleep(WAIT_STEP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while another instance seals plain personal values", e);
            }
        }
    }

    private Outcome seal(long coveredPositions, String owner) {
        Instant renewed = Instant.now();
        long rewritten = 0;
        long sealed = 0;
        long removed = 0;
        long covered = 0;
        long firstCovered = -1;
        Set<String> clients = new LinkedHashSet<>();
        Set<String> coveredClients = new LinkedHashSet<>();
        for (Document commit : commits.find().batchSize(500)) {
            if (Instant.now().isAfter(renewed.plus(lease.dividedBy(3)))) {
                renewed = Instant.now();
                migrations.updateOne(
                        Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                        Updates.set("renewedAt", Date.from(renewed)));
            }
            long first = ((Number) commit.get("_id")).longValue();
            @SuppressWarnings("unchecked")
            List<Document> events = (List<Document>) commit.get("events");
            boolean changed = false;
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                Counted counted = sealPlainValues(event);
                if (counted == null) {
                    continue;
                }
                long position = first + i;
                if (position <= coveredPositions) {
                    covered++;
                    coveredClients.add(event.getString("agg"));
                    firstCovered = firstCovered < 0 ? position : Math.min(firstCovered, position);
                    continue;
                }
                event.put("p", new Binary(counted.payload()));
                sealed += counted.sealed();
                removed += counted.removed();
                clients.add(event.getString("agg"));
                changed = true;
            }
            if (changed) {
                commits.replaceOne(Filters.eq("_id", commit.get("_id")), commit);
                rewritten++;
            }
        }
        Set<String> unsnapshotted = new LinkedHashSet<>(clients);
        unsnapshotted.addAll(coveredClients);
        for (String client : unsnapshotted) {
            // made by a version whose aggregates may have held the plain values; snapshots are derived
            snapshots.deleteOne(Filters.eq("_id", client));
        }
        if (covered > 0 && which.coveredStopsTheStart) {
            throw new CoveredByTheLog(covered, firstCovered);
        }
        migrations.replaceOne(
                Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                new Document("_id", name)
                        .append("state", "done")
                        .append("at", Date.from(Instant.now()))
                        .append("commitsRewritten", rewritten)
                        .append("valuesSealed", sealed)
                        .append("valuesRemoved", removed)
                        .append("clients", clients.size())
                        .append("coveredEventsLeft", covered));
        return new Outcome(false, rewritten, sealed, removed, clients, covered);
    }

    private record Counted(byte[] payload, int sealed, int removed) {}

    /** The event's payload with its plain personal values sealed or removed; null when it has none. */
    private Counted sealPlainValues(Document event) {
        String clientId = event.getString("agg");
        Binary stored = event.get("p", Binary.class);
        if (clientId == null || stored == null || event.getString("pt") == null) {
            return null;
        }
        Class<?> type = json.classForType(new SimpleSerializedType(event.getString("pt"), event.getString("pr")));
        if (!TreatmentRecordEvent.class.isAssignableFrom(type)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<? extends SmpEvent> eventType = (Class<? extends SmpEvent>) type;
        if (!EventCatalog.describe(eventType).mayHoldPersonalData()) {
            return null;
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(stored.getData());
        } catch (IOException e) {
            return null;
        }
        List<Runnable> changes = new ArrayList<>();
        int[] counts = new int[2];
        SecretKey[] key = new SecretKey[1];
        MarkedValues.visit(eventType, payload, (holder, field, place, marks) -> {
            JsonNode value = holder.get(field);
            if (!marks.personal() || value == null || value.isNull() || SealedValues.sealedIn(value) != null) {
                return;
            }
            ClientKeys.KeyState state = keys.stateOf(clientId);
            if (state instanceof ClientKeys.Erased) {
                changes.add(() -> holder.remove(field));
                counts[1]++;
                return;
            }
            if (key[0] == null) {
                String clinicId = eventType == ClientRegistered.class
                        ? payload.path("clinicId").asText(null)
                        : null;
                key[0] = keys.forWriting(clientId, clinicId);
            }
            byte[] sealed = FieldCipher.seal(key[0], bytes(value), SealedValues.place(clientId, eventType, place));
            changes.add(() -> holder.set(field, SealedValues.envelope(sealed)));
            counts[0]++;
        });
        if (changes.isEmpty()) {
            return null;
        }
        changes.forEach(Runnable::run);
        return new Counted(bytes(payload), counts[0], counts[1]);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
