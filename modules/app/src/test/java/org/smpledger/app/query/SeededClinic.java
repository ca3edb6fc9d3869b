package org.smpledger.app.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.smpledger.domain.lot.ReceivePigmentLot;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.treatment.AssessHealing;
import org.smpledger.domain.treatment.CompleteSession;
import org.smpledger.domain.treatment.CorrectRecord;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted.PigmentUse;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * A clinic's year of courses, seeded so every run records the same history and sent as commands, so
 * the domain's guard passes (or, with an override, records) each session: most clients have three
 * planned sessions, about one in five a fourth after a healing check recorded fading, a few had a
 * mistyped density corrected, and a few are crowded in one of five ways.
 */
final class SeededClinic {

    /** How a client's course went. The crowded ones are the only ones a clinic should see flagged. */
    enum Course {
        THREE_PLANNED_SESSIONS(false),
        FOURTH_AFTER_RECORDED_FADING(false),
        MISTYPED_DENSITY_CORRECTED(false),
        PAST_THE_CEILING_ON_OVERRIDE(true),
        FIVE_SESSIONS_ON_OVERRIDE(true),
        HEAVY_SESSION_ON_OVERRIDE(true),
        LARGE_DOTS_NEAR_BLURRING(true),
        BEYOND_A_LIGHTER_PLAN(true);

        final boolean crowded;

        Course(boolean crowded) {
            this.crowded = crowded;
        }
    }

    record Client(String id, Course course) {}

    static final String LOT = "seeded-lot";

    private final String clinic;
    private final Instant start;
    private final List<Client> clients = new ArrayList<>();
    private final long seed;

    SeededClinic(String clinic, int size, long seed, Instant now) {
        this.clinic = clinic;
        this.seed = seed;
        this.start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(330));
        List<Course> mix = new ArrayList<>();
        int fourth = size / 5;
        int corrected = size / 50;
        int eachCrowded = Math.max(1, size / 125);
        for (Course crowded : List.of(
                Course.PAST_THE_CEILING_ON_OVERRIDE,
                Course.FIVE_SESSIONS_ON_OVERRIDE,
                Course.HEAVY_SESSION_ON_OVERRIDE,
                Course.LARGE_DOTS_NEAR_BLURRING,
                Course.BEYOND_A_LIGHTER_PLAN)) {
            mix.addAll(Collections.nCopies(eachCrowded, crowded));
        }
        mix.addAll(Collections.nCopies(fourth, Course.FOURTH_AFTER_RECORDED_FADING));
        mix.addAll(Collections.nCopies(corrected, Course.MISTYPED_DENSITY_CORRECTED));
        mix.addAll(Collections.nCopies(size - mix.size(), Course.THREE_PLANNED_SESSIONS));
        Collections.shuffle(mix, new Random(seed));
        for (int i = 0; i < size; i++) {
            clients.add(new Client("seeded-%s-%04d".formatted(clinic, i), mix.get(i)));
        }
    }

    List<Client> clients() {
        return clients;
    }

    List<String> crowded() {
        return clients.stream()
                .filter(c -> c.course().crowded)
                .map(Client::id)
                .sorted()
                .toList();
    }

    /**
     * Records every client's course, clients in parallel, each client's in order. What comes before
     * the first session (registration, screening, consent, patch test, the course's plan) is stored as
     * the client's first events in one commit; from the first session on, everything is a command the
     * record's rules judge.
     */
    void record(CommandGateway commands, EventStore events) throws Exception {
        send(
                commands,
                new ReceivePigmentLot(
                        LOT,
                        clinic,
                        "Seeded Pigments",
                        "dark ash",
                        "B-SEED",
                        LocalDate.ofInstant(start, ZoneOffset.UTC).plusYears(3),
                        true,
                        start,
                        "reception"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Client client = clients.get(i);
                Random random = new Random(seed * 31 + i);
                done.add(pool.submit(() -> {
                    course(commands, events, client, random);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void course(CommandGateway commands, EventStore events, Client client, Random random) {
        String id = client.id();
        Instant day0 = start.plus(Duration.ofDays(random.nextInt(120)));
        // a mistyped third session must stay within the ceiling to be recorded at all
        double crownTarget = client.course() == Course.MISTYPED_DENSITY_CORRECTED || random.nextBoolean() ? 0.9 : 1.0;
        double hairlineTarget = random.nextBoolean() ? 0.9 : 0.8;
        Instant first = day0.plus(Duration.ofDays(5));
        List<TreatmentRecordEvent> ready = List.of(
                new ClientRegistered(
                        id, clinic, new PersonalDetails("Client " + id, LocalDate.of(1980, 1, 1), null, null), day0),
                new ContraindicationScreened(id, id + "-screening", day0, "pr-1", List.of()),
                new ConsentSigned(id, id + "-consent", day0, "v3", "consents/" + id, null),
                new PatchTestRecorded(
                        id,
                        id + "-patch",
                        LOT,
                        "Seeded Pigments",
                        "behind the ear",
                        day0,
                        day0.plus(Duration.ofHours(48)),
                        PatchTestRecorded.Result.NEGATIVE,
                        null,
                        null,
                        "pr-1"),
                switch (client.course()) {
                    case THREE_PLANNED_SESSIONS, FOURTH_AFTER_RECORDED_FADING, MISTYPED_DENSITY_CORRECTED ->
                        planned(id, 3, crownTarget, hairlineTarget, first);
                    case PAST_THE_CEILING_ON_OVERRIDE, LARGE_DOTS_NEAR_BLURRING ->
                        planned(
                                id,
                                3,
                                client.course() == Course.LARGE_DOTS_NEAR_BLURRING ? 0.85 : 1.0,
                                hairlineTarget,
                                first);
                    case FIVE_SESSIONS_ON_OVERRIDE -> planned(id, 4, 1.0, hairlineTarget, first);
                    case HEAVY_SESSION_ON_OVERRIDE -> planned(id, 2, 1.0, hairlineTarget, first);
                    case BEYOND_A_LIGHTER_PLAN -> planned(id, 3, crownTarget, 0.6, first);
                });
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int seq = 0; seq < ready.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>(
                    "TreatmentRecord",
                    id,
                    seq,
                    ready.get(seq),
                    MetaData.with(EventMetadata.CLINIC_ID, clinic)
                            .and(EventMetadata.ACTOR_ID, "pr-1")
                            .and(EventMetadata.RECORDED_AT, day0.toString())));
        }
        events.publish(messages);
        switch (client.course()) {
            case THREE_PLANNED_SESSIONS, FOURTH_AFTER_RECORDED_FADING, MISTYPED_DENSITY_CORRECTED -> {
                double lastCrown = round(crownTarget - 0.7);
                session(commands, id, 1, first, crown(0.3, 3, 0.25), hairline(0.3));
                session(commands, id, 2, first.plus(Duration.ofDays(14)), crown(0.4, 3, 0.25), hairline(0.3));
                Recorded third = session(
                        commands,
                        id,
                        3,
                        first.plus(Duration.ofDays(28)),
                        crown(
                                client.course() == Course.MISTYPED_DENSITY_CORRECTED ? lastCrown + 0.1 : lastCrown,
                                3,
                                0.3),
                        hairline(round(hairlineTarget - 0.6)));
                if (client.course() == Course.MISTYPED_DENSITY_CORRECTED) {
                    send(
                            commands,
                            new CorrectRecord(
                                    id,
                                    null,
                                    id + "-correction",
                                    third.eventId(),
                                    "crown density mistyped",
                                    Map.of("zoneWork[0].densityAddedFraction", Double.toString(lastCrown)),
                                    false,
                                    null));
                }
                if (client.course() == Course.FOURTH_AFTER_RECORDED_FADING) {
                    double retained = 0.65 + 0.05 * random.nextInt(5);
                    send(
                            commands,
                            new AssessHealing(
                                    id,
                                    null,
                                    id + "-healing",
                                    id + "-s3",
                                    first.plus(Duration.ofDays(60)),
                                    "pr-1",
                                    HealingAssessed.Outcome.AS_EXPECTED,
                                    List.of(new HealingAssessed.ZoneObservation(
                                            ScalpZone.CROWN, HealingAssessed.Observation.FADING, retained, null)),
                                    null));
                    double lost = crownTarget * (1 - retained);
                    session(commands, id, 4, first.plus(Duration.ofDays(70)), crown(floor(lost), 3, 0.25));
                }
            }
            case PAST_THE_CEILING_ON_OVERRIDE -> {
                session(commands, id, 1, first, crown(0.3, 3, 0.25), hairline(0.3));
                session(commands, id, 2, first.plus(Duration.ofDays(14)), crown(0.4, 3, 0.25));
                session(commands, id, 3, first.plus(Duration.ofDays(28)), crown(0.3, 3, 0.25));
                overridden(
                        commands,
                        id,
                        4,
                        first.plus(Duration.ofDays(42)),
                        "client wants it darker",
                        crown(0.2, 3, 0.25));
            }
            case FIVE_SESSIONS_ON_OVERRIDE -> {
                for (int s = 1; s <= 4; s++) {
                    session(commands, id, s, first.plus(Duration.ofDays(14L * (s - 1))), crown(0.2, 3, 0.25));
                }
                overridden(
                        commands,
                        id,
                        5,
                        first.plus(Duration.ofDays(56)),
                        "scar tissue on the crown did not hold",
                        crown(0.15, 3, 0.25));
            }
            case HEAVY_SESSION_ON_OVERRIDE -> {
                overridden(commands, id, 1, first, "client travels far: one heavy session", crown(0.6, 3, 0.25));
                session(commands, id, 2, first.plus(Duration.ofDays(14)), crown(0.4, 3, 0.25));
            }
            case LARGE_DOTS_NEAR_BLURRING -> {
                session(commands, id, 1, first, crown(0.3, 7, 0.35));
                session(commands, id, 2, first.plus(Duration.ofDays(14)), crown(0.3, 7, 0.35));
                session(commands, id, 3, first.plus(Duration.ofDays(28)), crown(0.25, 7, 0.35));
            }
            case BEYOND_A_LIGHTER_PLAN -> {
                session(commands, id, 1, first, hairline(0.3));
                session(commands, id, 2, first.plus(Duration.ofDays(14)), hairline(0.3));
                session(commands, id, 3, first.plus(Duration.ofDays(28)), hairline(0.2));
            }
        }
    }

    /** The plan of the client's first course, the day before its first session (within the ceiling and session limit). */
    private static TreatmentPlanned planned(String id, int sessions, double crown, double hairline, Instant first) {
        return new TreatmentPlanned(
                id,
                id + "-plan",
                1,
                first.minus(Duration.ofDays(1)),
                "pr-1",
                sessions,
                List.of(
                        new TreatmentPlanned.ZoneTarget(ScalpZone.CROWN, crown),
                        new TreatmentPlanned.ZoneTarget(ScalpZone.HAIRLINE, hairline)),
                List.of(new TreatmentPlanned.Factor(TreatmentPlanned.FactorKind.SKIN_TYPE, "Fitzpatrick III")),
                null);
    }

    private Recorded session(CommandGateway commands, String id, int n, Instant at, ZoneWork... work) {
        return overridden(commands, id, n, at, null, work);
    }

    private Recorded overridden(
            CommandGateway commands, String id, int n, Instant at, String reason, ZoneWork... work) {
        return send(
                commands,
                new CompleteSession(
                        id,
                        null,
                        id + "-s" + n,
                        at,
                        at.plus(Duration.ofHours(3)),
                        "pr-1",
                        List.of(work),
                        reason,
                        reason == null ? null : "pr-lead",
                        null));
    }

    private static ZoneWork crown(double added, int needles, double needleMm) {
        return new ZoneWork(
                ScalpZone.CROWN, added, null, needles, needleMm, 0.6, List.of(new PigmentUse(LOT, 20)), null);
    }

    private static ZoneWork hairline(double added) {
        return new ZoneWork(ScalpZone.HAIRLINE, added, null, 1, 0.2, 0.5, List.of(new PigmentUse(LOT, 25)), null);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Down to the next 0.05: a top-up never puts back more than was seen lost. */
    private static double floor(double value) {
        return Math.floor(value * 20 + 1e-9) / 20.0;
    }

    private Recorded send(CommandGateway commands, Object command) {
        MetaData metaData = MetaData.with(EventMetadata.CLINIC_ID, clinic)
                .and(EventMetadata.ACTOR_ID, "pr-1")
                .and(EventMetadata.ACTOR_ROLE, "practitioner");
        return commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
