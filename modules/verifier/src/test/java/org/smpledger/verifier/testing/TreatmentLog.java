package org.smpledger.verifier.testing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.store.CheckpointPolicy;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.TreeBuilder;

/**
 * A treatment log written by the production storage engine ({@link MongoCommitStorageEngine},
 * Jackson payloads and metadata as in the app) into a fresh database of the test MongoDB, plus
 * the verifiable log's builder over it. Commits of one to three events, several clients, an
 * event outside any stream, timestamps with sub-millisecond nanoseconds, and payloads that are
 * opaque bytes (as ciphertext of personal data is).
 */
public final class TreatmentLog implements AutoCloseable {

    public static final String ORIGIN = "clinic.example/smp-ledger";

    private static MongoClient client;

    public final MongoDatabase database;
    public final MongoCommitStorageEngine engine;
    public final LogStore store;
    public final LogSigner signer;
    private final Random random;
    private final List<String> clients = new ArrayList<>();
    private final List<Long> nextSequence = new ArrayList<>();
    private final List<Long> commitStarts = new ArrayList<>();
    private long events;

    public TreatmentLog(long seed) {
        this(seed, new LogSigner(ORIGIN, Ed25519Keys.generate().getPrivate()));
    }

    public TreatmentLog(long seed, LogSigner signer) {
        this.database = client().getDatabase(TestMongo.freshDatabaseName("verifier"));
        this.engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(jackson())
                .snapshotSerializer(jackson())
                .build();
        this.store = LogStore.on(database);
        this.signer = signer;
        this.random = new Random(seed);
        for (int i = 0; i < 5; i++) {
            clients.add("client-" + UUID.randomUUID());
            nextSequence.add(0L);
        }
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestMongo.connectionString());
        }
        return client;
    }

    /** Appends commits until at least {@code count} more events are stored. */
    public TreatmentLog append(int count) {
        long target = events + count;
        while (events < target) {
            int size = 1 + random.nextInt(3);
            List<EventMessage<?>> commit = new ArrayList<>();
            int who = random.nextInt(clients.size());
            for (int i = 0; i < size; i++) {
                commit.add(event(who));
            }
            commitStarts.add(events + 1);
            engine.appendEvents(commit);
            events += size;
        }
        return this;
    }

    private EventMessage<?> event(int who) {
        Instant time = Instant.parse("2026-11-02T09:00:00Z")
                .plus(Duration.ofMinutes(events * 7))
                .plusNanos(random.nextInt(1_000_000_000));
        MetaData metaData = MetaData.with("clinicId", "clinic-" + (who % 2))
                .and("actor", "practitioner-" + who)
                .and("correlationId", UUID.randomUUID().toString());
        Object payload;
        switch ((int) (events % 4)) {
            case 0 -> payload = new SessionCompleted(clients.get(who), "crown", 40 + random.nextInt(40));
            case 1 -> payload = new ClientRegistered(clients.get(who), opaqueBytes());
            case 2 -> payload = new AftercareIssued(clients.get(who), 5, 7, 28);
            default -> {
                return new GenericEventMessage<>(new ClinicOpened("clinic-" + (who % 2)), metaData);
            }
        }
        long sequence = nextSequence.get(who);
        nextSequence.set(who, sequence + 1);
        return new GenericDomainEventMessage<>(
                "TreatmentRecord",
                clients.get(who),
                sequence,
                payload,
                metaData,
                UUID.randomUUID().toString(),
                time);
    }

    private byte[] opaqueBytes() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return bytes;
    }

    public long size() {
        return events;
    }

    /** The first positions of the commits, in order. */
    public List<Long> commitStarts() {
        return List.copyOf(commitStarts);
    }

    /** The first position of the commit holding {@code position}. */
    public long commitHolding(long position) {
        long start = 1;
        for (long first : commitStarts) {
            if (first > position) {
                break;
            }
            start = first;
        }
        return start;
    }

    public MongoCollection<Document> commits() {
        return database.getCollection("event_commits");
    }

    public TreeBuilder.Builder builder() {
        return TreeBuilder.builder(store, signer).checkpointPolicy(new CheckpointPolicy(10, Duration.ofHours(1)));
    }

    public TreeBuilder builder(Clock clock) {
        return builder().clock(clock).build();
    }

    static JacksonSerializer jackson() {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Override
    public void close() {
        database.drop();
    }

    public record SessionCompleted(String clientId, String zone, int dotsPerSquareCentimetre) {}

    public record ClientRegistered(String clientId, byte[] encryptedName) {}

    public record AftercareIssued(String clientId, int noWettingDays, int noGymDays, int noSunDays) {}

    public record ClinicOpened(String clinicId) {}
}
