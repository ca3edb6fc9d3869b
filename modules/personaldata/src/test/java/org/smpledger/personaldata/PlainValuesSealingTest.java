package org.smpledger.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * Personal values a version without encryption stored in plain text are sealed in place, so that an
 * erasure leaves them nowhere; values of clients erased before are removed; events the verifiable log
 * already covers are never rewritten.
 */
class PlainValuesSealingTest {

    private static final MongoClient MONGO = MongoClients.create(TestMongo.connectionString());
    private static final String NAME = "Leocadia Brannigan-Oyelaran";
    private static final String BORN = "1929-08-03";
    private static final String EMAIL = "leocadia@brannigan.example";
    private static final String PHONE = "+43 664 4410 9081";
    private static final String NOTES = "Brannigan-session-notes";
    private static final List<String> SEEDED = List.of(NAME, "Brannigan", BORN, EMAIL, PHONE, NOTES);
    private static final String OVERRIDE_REASON = "Brannigan-graft-override-reason";
    private static final String CORRECTION_REASON = "Brannigan-misread-correction-reason";

    private final MongoDatabase database = MONGO.getDatabase(TestMongo.freshDatabaseName("legacy"));
    private final JsonEventSerializer json =
            JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
    private final ClientKeys keys = new ClientKeys(
            database, LocalKeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])));
    private final PersonalDataReader reader = new PersonalDataReader(keys, ServiceJson.mapper());
    private final PlainValuesSealing sealing =
            new PlainValuesSealing(database, "event_commits", "event_snapshots", keys, json);

    @AfterAll
    static void close() {
        MONGO.close();
    }

    @Test
    void plainValuesAreSealedInPlaceAndAnErasureThenLeavesThemNowhere() {
        // written by a version without encryption: the plain JSON serializer, through the driver
        storeInPlainText("client-legacy");
        storeInPlainText("client-other");
        database.getCollection("event_snapshots")
                .insertOne(new Document("_id", "client-legacy").append("p", new Binary(NAME.getBytes())));
        assertThat(everything()).contains(NAME, NOTES);

        PlainValuesSealing.Outcome outcome = sealing.run(0);

        assertThat(outcome.valuesSealed()).isEqualTo(6); // details and two notes, for each client
        assertThat(outcome.clients()).containsExactlyInAnyOrder("client-legacy", "client-other");
        SEEDED.forEach(value -> assertThat(everything()).doesNotContain(value));
        // the values still open for whoever may see them, and the events still load
        assertThat(reader.openEvent("client-legacy", ClientRegistered.class, payloadOf("client-legacy", 0))
                        .personalDetails()
                        .fullName())
                .isEqualTo(NAME);
        assertThat(reader.openEvent("client-legacy", SessionCompleted.class, payloadOf("client-legacy", 1))
                        .notes())
                .isEqualTo(NOTES);
        assertThat(engine(json).readEvents("client-legacy").asStream().count()).isEqualTo(2);

        keys.shred("client-legacy", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(reader.open("client-legacy", ClientRegistered.class, payloadOf("client-legacy", 0))
                        .erased())
                .isTrue();
        // once only
        assertThat(sealing.run(0).ranBefore()).isTrue();
    }

    @Test
    void aClientErasedWhileItsValuesWereStillPlainHasThemRemoved() {
        storeInPlainText("client-erased-early");
        keys.shred("client-erased-early", Instant.parse("2029-01-01T00:00:00Z"));

        PlainValuesSealing.Outcome outcome = sealing.run(0);

        assertThat(outcome.valuesRemoved()).isEqualTo(3);
        SEEDED.forEach(value -> assertThat(everything()).doesNotContain(value));
        assertThat(engine(json).readEvents("client-erased-early").asStream().count())
                .isEqualTo(2);
    }

    @Test
    void eventsTheVerifiableLogCoversAreNeverRewritten() {
        storeInPlainText("client-covered");
        storeInPlainText("client-after");
        byte[] coveredBefore = payloadOf("client-covered", 0);

        assertThatThrownBy(() -> sealing.run(2))
                .isInstanceOf(PlainValuesSealing.CoveredByTheLog.class)
                .hasMessageContaining("2 stored event(s) from position 1")
                .hasMessageNotContaining(NAME);

        assertThat(payloadOf("client-covered", 0)).isEqualTo(coveredBefore);
        assertThat(new String(payloadOf("client-after", 0), StandardCharsets.UTF_8))
                .doesNotContain(NAME);
        assertThat(database.getCollection(PlainValuesSealing.MIGRATIONS).countDocuments())
                .isZero();
    }

    @Test
    void instancesStartingAtOnceSealOnceAndBothStart() throws Exception {
        storeInPlainText("client-together");
        PlainValuesSealing other = new PlainValuesSealing(database, "event_commits", "event_snapshots", keys, json);
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch together = new CountDownLatch(1);
            Future<PlainValuesSealing.Outcome> first = starts.submit(() -> {
                together.await();
                return sealing.run(0);
            });
            Future<PlainValuesSealing.Outcome> second = starts.submit(() -> {
                together.await();
                return other.run(0);
            });
            together.countDown();
            List<PlainValuesSealing.Outcome> outcomes =
                    List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
            assertThat(outcomes).filteredOn(outcome -> !outcome.ranBefore()).hasSize(1);
        } finally {
            starts.shutdownNow();
        }
        SEEDED.forEach(value -> assertThat(everything()).doesNotContain(value));
        assertThat(migration().getString("state")).isEqualTo("done");
        // sealed once, under the one key both instances use: the name opens again
        assertThat(reader.openEvent("client-together", ClientRegistered.class, payloadOf("client-together", 0))
                        .personalDetails()
                        .fullName())
                .isEqualTo(NAME);
    }

    @Test
    void aRunInProgressIsWaitedForAndALapsedOneTakenOver() throws Exception {
        storeInPlainText("client-waiting");
        var markers = database.getCollection(PlainValuesSealing.MIGRATIONS);
        markers.insertOne(new Document("_id", PlainValuesSealing.NAME)
                .append("state", PlainValuesSealing.RUNNING)
                .append("owner", "another-instance")
                .append("renewedAt", Date.from(Instant.now())));
        PlainValuesSealing waiting =
                new PlainValuesSealing(database, "event_commits", "event_snapshots", keys, json, Duration.ofMinutes(1));
        ExecutorService start = Executors.newSingleThreadExecutor();
        try {
            Future<PlainValuesSealing.Outcome> outcome = start.submit(() -> waiting.run(0));
            Thread.sleep(600);
            assertThat(outcome).isNotDone();
            markers.updateOne(Filters.eq("_id", PlainValuesSealing.NAME), Updates.set("state", "done"));
            assertThat(outcome.get(10, TimeUnit.SECONDS).ranBefore()).isTrue();
        } finally {
            start.shutdownNow();
        }

        // the other instance died mid-run: its lease lapses and the next start seals
        markers.replaceOne(
                Filters.eq("_id", PlainValuesSealing.NAME),
                new Document("_id", PlainValuesSealing.NAME)
                        .append("state", PlainValuesSealing.RUNNING)
                        .append("owner", "killed-instance")
                        .append("renewedAt", Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
        PlainValuesSealing.Outcome takenOver = waiting.run(0);
        assertThat(takenOver.ranBefore()).isFalse();
        assertThat(takenOver.valuesSealed()).isPositive();
        SEEDED.forEach(value -> assertThat(everything()).doesNotContain(value));
        assertThat(migration().getString("state")).isEqualTo("done");
    }

    @Test
    void reasonsMarkedPersonalLaterAreSealedWhereTheLogAllowsAndLeftButNeverReadOutWhereItCovers() {
        // the store met encryption before; its reasons were still free text, stored plain
        database.getCollection(PlainValuesSealing.MIGRATIONS)
                .insertOne(new Document("_id", PlainValuesSealing.NAME).append("state", "done"));
        storeReasonsInPlainText("client-covered");
        storeReasonsInPlainText("client-uncovered");
        database.getCollection("event_snapshots")
                .insertOne(new Document("_id", "client-covered").append("p", new Binary(OVERRIDE_REASON.getBytes())));
        byte[] coveredBefore = payloadOf("client-covered", 0);
        PlainValuesSealing reasons = new PlainValuesSealing(
                database, "event_commits", "event_snapshots", keys, json, PlainValuesSealing.Run.REASONS);

        assertThat(sealing.run(2).ranBefore()).isTrue();
        PlainValuesSealing.Outcome outcome = reasons.run(2);

        assertThat(outcome.coveredEventsLeft()).isEqualTo(2);
        assertThat(outcome.valuesSealed()).isEqualTo(2);
        assertThat(outcome.clients()).containsExactly("client-uncovered");
        assertThat(payloadOf("client-covered", 0))
                .as("covered by the log: not rewritten")
                .isEqualTo(coveredBefore);
        for (int i = 0; i < 2; i++) {
            assertThat(new String(payloadOf("client-uncovered", i), StandardCharsets.UTF_8))
                    .contains("\"sealed\"")
                    .doesNotContain(OVERRIDE_REASON, CORRECTION_REASON);
        }
        assertThat(database.getCollection("event_snapshots").countDocuments()).isZero();
        // no reader of the store gets them, sealed or plain
        String loaded = engine(json)
                .readEvents("client-covered")
                .asStream()
                .map(event -> event.getPayload().toString())
                .reduce("", String::concat);
        assertThat(loaded).contains("dose-per-session").doesNotContain(OVERRIDE_REASON, CORRECTION_REASON);
        // opened for whoever may see them while the key lives, erased with it
        assertThat(reader.openEvent("client-uncovered", SessionCompleted.class, payloadOf("client-uncovered", 0))
                        .override()
                        .reason())
                .isEqualTo(OVERRIDE_REASON);
        assertThat(reader.openEvent("client-covered", RecordCorrected.class, payloadOf("client-covered", 1))
                        .reason())
                .isEqualTo(CORRECTION_REASON);
        keys.shred("client-covered", Instant.parse("2030-01-01T00:00:00Z"));
        keys.shred("client-uncovered", Instant.parse("2030-01-01T00:00:00Z"));
        for (String client : List.of("client-covered", "client-uncovered")) {
            assertThat(reader.open(client, SessionCompleted.class, payloadOf(client, 0))
                            .payload()
                            .toString())
                    .contains("dose-per-session")
                    .doesNotContain(OVERRIDE_REASON);
            assertThat(reader.open(client, RecordCorrected.class, payloadOf(client, 1))
                            .payload()
                            .toString())
                    .doesNotContain(CORRECTION_REASON);
        }
        assertThat(reasons.run(2).ranBefore()).isTrue();
    }

    private void storeReasonsInPlainText(String clientId) {
        Instant day = Instant.parse("2024-05-01T10:00:00Z");
        storeInPlainText(
                clientId,
                List.of(
                        new SessionCompleted(
                                clientId,
                                "s-1",
                                1,
                                1,
                                day,
                                day.plusSeconds(7200),
                                "pr-1",
                                List.of(new SessionCompleted.ZoneWork(
                                        ScalpZone.CROWN, 0.6, null, 3, 0.25, 0.6, List.of(), null)),
                                new SessionCompleted.Override(OVERRIDE_REASON, "lead-kim", List.of("dose-per-session")),
                                null,
                                null),
                        new RecordCorrected(
                                clientId,
                                "k-1",
                                "e-1",
                                "SessionCompleted",
                                CORRECTION_REASON,
                                Map.of("zoneWork[0].densityAddedFraction", "0.55"),
                                false)));
    }

    private Document migration() {
        return database.getCollection(PlainValuesSealing.MIGRATIONS)
                .find(Filters.eq("_id", PlainValuesSealing.NAME))
                .first();
    }

    private void storeInPlainText(String clientId) {
        Instant day = Instant.parse("2021-03-01T10:00:00Z");
        List<TreatmentRecordEvent> events = List.of(
                new ClientRegistered(
                        clientId, "clinic-legacy", new PersonalDetails(NAME, LocalDate.parse(BORN), EMAIL, PHONE), day),
                new SessionCompleted(
                        clientId,
                        "s-1",
                        1,
                        1,
                        day.plusSeconds(86400),
                        day.plusSeconds(86400 + 10800),
                        "pr-1",
                        List.of(new SessionCompleted.ZoneWork(
                                ScalpZone.CROWN,
                                0.3,
                                null,
                                3,
                                0.25,
                                0.6,
                                List.of(new SessionCompleted.PigmentUse("lot-1", 20)),
                                NOTES)),
                        null,
                        NOTES,
                        null));
        storeInPlainText(clientId, events);
    }

    private void storeInPlainText(String clientId, List<TreatmentRecordEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>(
                    "TreatmentRecord",
                    clientId,
                    i,
                    events.get(i),
                    MetaData.with(EventMetadata.CLINIC_ID, "clinic-legacy")));
        }
        EmbeddedEventStore store = engine(json);
        store.publish(messages);
        store.shutDown();
    }

    private EmbeddedEventStore engine(Serializer serializer) {
        return EmbeddedEventStore.builder()
                .storageEngine(MongoCommitStorageEngine.builder()
                        .database(database)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build())
                .build();
    }

    private byte[] payloadOf(String clientId, int index) {
        Document commit = database.getCollection("event_commits")
                .find(Filters.eq("keys", clientId + ":" + index))
                .first();
        @SuppressWarnings("unchecked")
        List<Document> events = (List<Document>) commit.get("events");
        for (Document event : events) {
            if (clientId.equals(event.getString("agg"))
                    && event.get("seq", Number.class).longValue() == index) {
                return event.get("p", Binary.class).getData();
            }
        }
        throw new IllegalStateException("no event " + clientId + ":" + index);
    }

    /** Every document of every collection, as its stored bytes. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        for (String collection : database.listCollectionNames()) {
            for (RawBsonDocument document :
                    database.getCollection(collection, RawBsonDocument.class).find()) {
                var buffer = document.getByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                all.append(collection)
                        .append(' ')
                        .append(new String(bytes, StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return all.toString();
    }
}
