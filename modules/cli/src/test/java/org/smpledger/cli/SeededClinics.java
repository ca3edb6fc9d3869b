package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * Two clinics' year, stored by the production event store engine (JSON payloads and metadata as
 * the service writes them) in a fresh database of the test MongoDB. docs/analytics.md's answers are
 * this data set's. Every client has a seeded name, birth date, email and phone that no
 * pseudonymous output may show.
 */
public final class SeededClinics implements AutoCloseable {

    public static final String NORTH = "clinic-north";
    public static final String SOUTH = "clinic-south";
    /** Personal details seeded for the clients: none may appear in an analyst's output. */
    public static final List<String> PERSONAL = new ArrayList<>();

    private static MongoClient client;

    public final MongoDatabase database;
    public final MongoCommitStorageEngine engine;
    public final EmbeddedEventStore store;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> clinics = new HashMap<>();
    public final Map<String, String> eventIds = new HashMap<>();

    public SeededClinics() {
        this(client().getDatabase(TestMongo.freshDatabaseName("cli")));
    }

    /** In the given database (a data folder's, for instance). */
    public SeededClinics(MongoDatabase database) {
        this.database = database;
        JsonEventSerializer serializer = JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver());
        this.engine = MongoCommitStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        this.store = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestMongo.connectionString());
        }
        return client;
    }

    /** The store's URI and database as {@code smp} options. */
    public List<String> storeOptions() {
        return List.of("--mongodb-uri", TestMongo.connectionString(), "--database", database.getName());
    }

    public static Instant at(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    /** The whole data set (docs/analytics.md, "The test data set"). */
    public SeededClinics seeded() {
        lot("lot-espresso-7", NORTH, "Inkline", "Espresso 2", "2026-01-05");
        lot("lot-slate-9", NORTH, "Perma", "Slate", "2026-01-05");
        lot("lot-charcoal-3", SOUTH, "Inkline", "Charcoal", "2026-01-06");

        register(
                "client-a",
                NORTH,
                "Alex Carter",
                "1980-04-12",
                "alex.carter@example.org",
                "+44 7700 900001",
                "2026-01-10");
        consent("client-a", "2026-01-10");
        patchTest("client-a", "lot-espresso-7", "Inkline", PatchTestRecorded.Result.NEGATIVE, "2026-01-20");
        session(
                "client-a",
                "a1",
                1,
                1,
                "2026-02-02",
                null,
                work(ScalpZone.HAIRLINE, 0.4, "lot-espresso-7"),
                work(ScalpZone.CROWN, 0.3, "lot-espresso-7"));
        session(
                "client-a",
                "a2",
                1,
                2,
                "2026-02-16",
                null,
                work(ScalpZone.HAIRLINE, 0.2, "lot-espresso-7"),
                work(ScalpZone.CROWN, 0.3, "lot-espresso-7"));
        session("client-a", "a3", 1, 3, "2026-03-02", null, work(ScalpZone.CROWN, 0.2, "lot-espresso-7"));
        healing("client-a", "a3", "2026-03-20", HealingAssessed.Observation.FADING, ScalpZone.CROWN);
        session("client-a", "a4", 1, 4, "2026-04-06", null, work(ScalpZone.CROWN, 0.1, "lot-espresso-7"));

        register(
                "client-b",
                NORTH,
                "Blake Dorsey",
                "1975-09-30",
                "blake.dorsey@example.org",
                "+44 7700 900002",
                "2026-01-12");
        consent("client-b", "2026-01-12");
        patchTest("client-b", "lot-slate-9", "Perma", PatchTestRecorded.Result.NEGATIVE, "2026-01-22");
        session("client-b", "b1", 1, 1, "2026-02-03", null, work(ScalpZone.HAIRLINE, 0.35, "lot-slate-9"));
        session(
                "client-b",
                "b2",
                1,
                2,
                "2026-02-17",
                null,
                work(ScalpZone.HAIRLINE, 0.3, "lot-slate-9", "lot-espresso-7"));
        reaction("client-b", "2026-02-20", AdverseReactionReported.Kind.ALLERGIC, "lot-slate-9");

        register(
                "client-c",
                SOUTH,
                "Casey Ellis",
                "1988-01-05",
                "casey.ellis@example.org",
                "+44 7700 900003",
                "2026-03-01");
        consent("client-c", "2026-03-01");
        session("client-c", "c1", 1, 1, "2026-04-01", null, work(ScalpZone.CROWN, 0.3, "lot-charcoal-3"));
        session("client-c", "c2", 1, 2, "2026-04-15", null, work(ScalpZone.CROWN, 0.3, "lot-charcoal-3"));
        session("client-c", "c3", 1, 3, "2026-05-01", null, work(ScalpZone.CROWN, 0.2, "lot-charcoal-3"));
        healing("client-c", "c3", "2026-05-20", HealingAssessed.Observation.FADING, ScalpZone.CROWN);
        session("client-c", "c4", 1, 4, "2026-06-01", null, work(ScalpZone.CROWN, 0.1, "lot-charcoal-3"));
        session(
                "client-c",
                "c5",
                1,
                5,
                "2026-06-15",
                new SessionCompleted.Override(
                        "scar tissue absorbed pigment",
                        "lead-practitioner",
                        List.of("session-limit", "density-ceiling")),
                work(ScalpZone.CROWN, 0.2, "lot-charcoal-3"));

        register("client-d", SOUTH, "Dana Fox", "1991-07-21", "dana.fox@example.org", "+44 7700 900004", "2026-03-05");
        session("client-d", "d1", 1, 1, "2026-04-02", null, work(ScalpZone.TEMPLES, 0.3, "lot-charcoal-3"));
        reaction("client-d", "2026-04-10", AdverseReactionReported.Kind.ALLERGIC, "lot-charcoal-3");
        touchUp("client-d", "2026-09-01", TouchUpRequested.Reason.FADING, ScalpZone.TEMPLES, 0.2);
        session("client-d", "d2", 2, 1, "2026-09-15", null, work(ScalpZone.TEMPLES, 0.2, "lot-charcoal-3"));

        register(
                "client-e", NORTH, "Eli Grant", "1969-12-02", "eli.grant@example.org", "+44 7700 900005", "2026-07-01");
        record(
                new ClientDetailsCorrected(
                        "client-e",
                        details("Eli Grant-Hughes", "1969-12-02", "eli.hughes@example.org", "+44 7700 900055"),
                        "married: now Eli Grant-Hughes"),
                at("2026-07-02"),
                "reception-ben");
        PERSONAL.add("Grant-Hughes");
        session("client-e", "e1", 1, 1, "2026-07-10", null, work(ScalpZone.CROWN, 0.5, "lot-espresso-7"));
        record(
                new RecordCorrected(
                        "client-e",
                        "corr-e1",
                        eventIds.get("client-e:2"),
                        "SessionCompleted",
                        "density was 0.45, not 0.5",
                        Map.of("zoneWork[0].densityAddedFraction", "0.45"),
                        false),
                at("2026-07-11"),
                "practitioner-ana");
        session("client-e", "e2", 1, 2, "2026-07-31", null, work(ScalpZone.CROWN, 0.3, "lot-espresso-7"));
        touchUp("client-e", "2026-11-02", TouchUpRequested.Reason.UNEVEN_HEALING, ScalpZone.CROWN, 0.6);

        register(
                "client-f",
                SOUTH,
                "Frankie Hale",
                "1995-02-28",
                "frankie.hale@example.org",
                "+44 7700 900006",
                "2026-08-01");
        patchTest("client-f", "lot-charcoal-3", "Inkline", PatchTestRecorded.Result.POSITIVE, "2026-08-01");
        record(
                new PigmentLotRecalled(
                        "lot-slate-9", "bacterial contamination", at("2026-06-01"), "clinic-admin", "FDA-2026-0042"),
                at("2026-06-01"),
                "clinic-admin");
        return this;
    }

    private void lot(String lotId, String clinic, String brand, String shade, String date) {
        clinics.put(lotId, clinic);
        record(
                new PigmentLotReceived(
                        lotId,
                        clinic,
                        brand,
                        shade,
                        "B-" + lotId,
                        LocalDate.of(2028, 1, 1),
                        true,
                        at(date),
                        "reception-ben"),
                at(date),
                "reception-ben");
    }

    private void register(
            String clientId, String clinic, String name, String born, String email, String phone, String date) {
        clinics.put(clientId, clinic);
        PERSONAL.addAll(List.of(name, born, email, phone));
        record(
                new ClientRegistered(clientId, clinic, details(name, born, email, phone), at(date)),
                at(date),
                "reception-ben");
    }

    private static PersonalDetails details(String name, String born, String email, String phone) {
        return new PersonalDetails(name, LocalDate.parse(born), email, phone);
    }

    private void consent(String clientId, String date) {
        record(
                new ConsentSigned(
                        clientId, "consent-" + clientId, at(date), "v3", "doc://consent/" + clientId, "reception-ben"),
                at(date),
                "reception-ben");
    }

    private void patchTest(String clientId, String lotId, String brand, PatchTestRecorded.Result result, String date) {
        Instant applied = at(date);
        record(
                new PatchTestRecorded(
                        clientId,
                        "pt-" + clientId,
                        lotId,
                        brand,
                        "behind left ear",
                        applied,
                        applied.plus(Duration.ofHours(48)),
                        result,
                        result == PatchTestRecorded.Result.POSITIVE ? "redness and itching" : null,
                        null,
                        "practitioner-ana"),
                applied.plus(Duration.ofHours(48)),
                "practitioner-ana");
    }

    static SessionCompleted.ZoneWork work(ScalpZone zone, double fraction, String... lots) {
        List<SessionCompleted.PigmentUse> pigments = new ArrayList<>();
        for (String lot : lots) {
            pigments.add(new SessionCompleted.PigmentUse(lot, 20));
        }
        return new SessionCompleted.ZoneWork(zone, fraction, null, 3, 0.25, 0.8, pigments, null);
    }

    private void session(
            String clientId,
            String sessionId,
            int course,
            int number,
            String date,
            SessionCompleted.Override override,
            SessionCompleted.ZoneWork... work) {
        Instant start = at(date);
        Instant end = start.plus(Duration.ofHours(3));
        record(
                new SessionCompleted(
                        clientId,
                        sessionId,
                        course,
                        number,
                        start,
                        end,
                        "practitioner-ana",
                        List.of(work),
                        override,
                        null,
                        null),
                end,
                "practitioner-ana");
    }

    private void healing(
            String clientId, String sessionId, String date, HealingAssessed.Observation observation, ScalpZone zone) {
        record(
                new HealingAssessed(
                        clientId,
                        "heal-" + sessionId,
                        sessionId,
                        at(date),
                        "practitioner-ana",
                        HealingAssessed.Outcome.AS_EXPECTED,
                        List.of(new HealingAssessed.ZoneObservation(zone, observation, null, null)),
                        null),
                at(date),
                "practitioner-ana");
    }

    private void reaction(String clientId, String date, AdverseReactionReported.Kind kind, String... lots) {
        record(
                new AdverseReactionReported(
                        clientId,
                        "reaction-" + clientId,
                        at(date),
                        "practitioner-ana",
                        kind,
                        AdverseReactionReported.Severity.MODERATE,
                        List.of(lots),
                        "itching and swelling on the hairline",
                        null),
                at(date),
                "practitioner-ana");
    }

    private void touchUp(
            String clientId, String date, TouchUpRequested.Reason reason, ScalpZone zone, double retained) {
        record(
                new TouchUpRequested(
                        clientId,
                        "tu-" + clientId,
                        at(date),
                        reason,
                        List.of(zone),
                        "practitioner-ana",
                        List.of(new TouchUpRequested.RetainedDensity(zone, retained)),
                        null),
                at(date),
                "practitioner-ana");
    }

    /** Stores one event as the service would at {@code recordedAt}, one commit per event. */
    public String record(SmpEvent event, Instant recordedAt, String actorId) {
        String streamType = event instanceof PigmentLotEvent
                ? "PigmentLot"
                : event instanceof ClinicPolicyEvent ? "ClinicRuleBook" : "TreatmentRecord";
        long sequence = sequences.merge(event.streamId(), 1L, Long::sum) - 1;
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> metadata = Map.of(
                EventMetadata.CLINIC_ID,
                clinics.getOrDefault(event.streamId(), NORTH),
                EventMetadata.ACTOR_ID,
                actorId,
                EventMetadata.ACTOR_ROLE,
                actorId.startsWith("reception")
                        ? "receptionist"
                        : actorId.startsWith("clinic") ? "admin" : "practitioner",
                EventMetadata.CORRELATION_ID,
                UUID.randomUUID().toString(),
                EventMetadata.RECORDED_AT,
                recordedAt.toString());
        store.publish(new GenericDomainEventMessage<>(
                streamType, event.streamId(), sequence, event, metadata, eventId, recordedAt));
        eventIds.put(event.streamId() + ":" + sequence, eventId);
        return eventId;
    }

    @Override
    public void close() {
        store.shutDown();
        database.drop();
    }
}
