package org.smpledger.projections.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.projections.Clinic.day;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.Clinic;
import org.smpledger.projections.ClinicRoster;
import org.smpledger.projections.DeploymentRules;
import org.smpledger.projections.Page;
import org.smpledger.projections.ProjectionsHarness;
import org.smpledger.projections.overview.ClientCourse;
import org.smpledger.projections.overview.ClinicOverview;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.risk.RiskFlags;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.LiveGenerations;

/**
 * A clinic with thousands of clients: no read-model document grows with the clinic but its
 * roster's buckets (one small entry per client, in {@value ClinicRoster#BUCKETS} buckets), the
 * clinic lists hold every client exactly once in their order (pages across the queries' chunks of
 * {@value LiveGenerations#IDS_PER_READ} ids, clients in every bucket), and they read by exact keys
 * only.
 */
class ClinicWithManyClientsTest {

    static final int CLIENTS = 2_000;
    static final String NORTH = "clinic-north";
    static final String SOUTH = "clinic-south";
    static final Instant NOW = ProjectionsHarness.NOW;

    record Sent(String command, String collection, BsonDocument filter) {}

    static final List<Sent> sent = new CopyOnWriteArrayList<>();
    static ProjectionsHarness harness;

    @BeforeAll
    static void recordAClinicWithManyClients() {
        harness = record(CLIENTS, new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent(event.getCommandName(), event.getCommand().clone());
            }
        });
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    /**
     * Client {@code i} of the clinic: registered only (i % 4 == 0), one light session (1), two light
     * sessions (2), a second session adding more than one may (0.6 or 0.65) that puts the crown
     * past the ceiling at 1.05 or 1.1 (3: flagged HIGH); session days
     * spread over 97 days. A few clients of another clinic, and one policy adopted by the clinic.
     */
    static ProjectionsHarness record(int clients, CommandListener listener) {
        ProjectionsHarness harness = new ProjectionsHarness(ProcessorSettings.DEFAULT, database -> {}, listener);
        Clinic clinic = harness.clinic;
        clinic.adoptsPolicy(NORTH, 1, DeploymentRules.DEFAULT, day("2025-12-01"), day("2025-12-01"));
        for (int i = 0; i < clients; i++) {
            String client = clientId(i);
            clinic.registers(client, day("2026-01-01"));
            Instant first = firstSession(i);
            switch (i % 4) {
                case 1 ->
                    clinic.session(client, "s1-" + i, 1, 1, first)
                            .zone(CROWN, 0.3)
                            .completed();
                case 2, 3 -> {
                    double dose = i % 4 == 2 ? 0.3 : 0.45;
                    clinic.session(client, "s1-" + i, 1, 1, first)
                            .zone(CROWN, dose)
                            .completed();
                    clinic.session(client, "s2-" + i, 1, 2, first.plus(Duration.ofDays(14)))
                            .zone(CROWN, i % 4 == 2 ? dose : i % 8 == 7 ? 0.65 : 0.6)
                            .completed();
                }
                default -> {}
            }
        }
        for (int i = 0; i < 30; i++) {
            clinic.registersAt(SOUTH, "south-" + i, day("2026-01-01"));
            clinic.session("south-" + i, "south-s-" + i, 1, 1, day("2026-01-05"))
                    .zone(CROWN, 0.6)
                    .completed();
        }
        harness.caughtUp(Duration.ofMinutes(3));
        return harness;
    }

    static String clientId(int i) {
        return String.format("client-%05d", i);
    }

    static Instant firstSession(int i) {
        return day("2026-01-05").plus(Duration.ofDays(i % 97));
    }

    static Instant lastSession(int i) {
        return i % 4 == 1 ? firstSession(i) : firstSession(i).plus(Duration.ofDays(14));
    }

    @Test
    void noDocumentGrowsWithTheClinicButTheRostersBucketsByOneSmallEntryPerClient() {
        Map<String, Integer> atN = largestDocuments(harness);
        String timesAtN = listTimes(harness);
        Map<String, Integer> at2n;
        String timesAt2n;
        try (ProjectionsHarness twice = record(2 * CLIENTS, null)) {
            at2n = largestDocuments(twice);
            timesAt2n = listTimes(twice);
            assertThat(twice.overview.overview(NORTH, NOW, 0, 1).clients()).isEqualTo(2 * CLIENTS);
        }
        System.out.printf("largest documents, %d clients: %s; %d clients: %s%n", CLIENTS, atN, 2 * CLIENTS, at2n);
        System.out.printf("clinic lists, %d clients: %s; %d clients: %s%n", CLIENTS, timesAtN, 2 * CLIENTS, timesAt2n);
        assertThat(at2n.keySet())
                .containsExactlyInAnyOrderElementsOf(atN.keySet())
                .contains(
                        "overview_clients",
                        "overview_summaries",
                        "overview_rosters",
                        "overview_clinics",
                        "risk_clients",
                        "risk_standings",
                        "risk_rosters",
                        "risk_clinics");
        at2n.forEach((collection, largest) -> {
            assertThat(largest).as("largest document of %s", collection).isLessThan(16 * 1024);
            if (!collection.endsWith("_rosters")) {
                assertThat(largest)
                        .as("largest document of %s with twice the clients", collection)
                        .isEqualTo(atN.get(collection));
            } else {
                // a client's entry is ~60 bytes (two ids), spread over the clinic's buckets
                int perBucket = 2 * CLIENTS / ClinicRoster.BUCKETS;
                assertThat(largest).as("largest bucket of %s", collection).isLessThan(2 * perBucket * 80 + 100);
            }
        });
    }

    /** Medians of 7 calls of the overview, the client list and the flag list (ms), for the record; nothing is asserted on them. */
    static String listTimes(ProjectionsHarness harness) {
        return "overview %.1f ms, a page of the client list %.1f ms, flags %.1f ms"
                .formatted(
                        medianMillis(() -> harness.overview.overview(NORTH, NOW, 0, 100)),
                        medianMillis(() -> harness.overview.clients(NORTH, NOW, 5, 100)),
                        medianMillis(() -> harness.risk.flags(NORTH, NOW, 0, 100)));
    }

    static double medianMillis(Runnable call) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            call.run();
            nanos.add(System.nanoTime() - start);
        }
        nanos.sort(Comparator.naturalOrder());
        return nanos.get(3) / 1e6;
    }

    /** The largest document of every collection of the overview and risk models, in bytes. */
    static Map<String, Integer> largestDocuments(ProjectionsHarness harness) {
        Map<String, Integer> largest = new TreeMap<>();
        for (String projection : List.of(ClinicOverviewProjection.NAME, RiskProjection.NAME)) {
            Generation live = harness.processors.live(projection);
            List<String> collections = projection.equals(RiskProjection.NAME)
                    ? RiskProjection.COLLECTIONS
                    : new ClinicOverviewProjection(null).collections();
            for (String collection : collections) {
                int size = 0;
                for (RawBsonDocument document : harness.database
                        .getCollection(live.collection(collection), RawBsonDocument.class)
                        .find()) {
                    size = Math.max(size, document.getByteBuffer().remaining());
                }
                largest.put(collection, size);
            }
        }
        return largest;
    }

    @Test
    void theRosterSpreadsTheClinicOverEveryBucket() {
        for (String projection : List.of(ClinicOverviewProjection.NAME, RiskProjection.NAME)) {
            String rosters = harness.processors.live(projection).collection(projection + "_rosters");
            List<String> buckets = new ArrayList<>();
            harness.database.getCollection(rosters).find().forEach(bucket -> buckets.add(bucket.getString("_id")));
            assertThat(buckets).filteredOn(id -> id.startsWith(NORTH + "#")).hasSize(ClinicRoster.BUCKETS);
        }
    }

    @Test
    void theOverviewCountsAndListsEveryClientOnce() {
        ClinicOverview overview = harness.overview.overview(NORTH, NOW, 0, Page.MAX_SIZE);
        assertThat(overview.clients()).isEqualTo(CLIENTS);
        assertThat(overview.policy().version()).isEqualTo(1);
        assertThat(overview.sessionsPerClient()).isEqualTo(Map.of(0, CLIENTS / 4, 1, CLIENTS / 4, 2, CLIENTS / 2));

        // every client with a session awaits the next one (no plan, course open), earliest first
        List<ClinicOverview.AwaitingSession> expected = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            if (i % 4 != 0) {
                Instant last = lastSession(i);
                Instant earliest = LocalDate.ofInstant(last, ZoneOffset.UTC)
                        .plusDays(7)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                expected.add(new ClinicOverview.AwaitingSession(
                        clientId(i), 1, i % 4 == 1 ? 1 : 2, null, false, last, earliest, true));
            }
        }
        expected.sort(Comparator.comparing(ClinicOverview.AwaitingSession::earliestNextSessionAt)
                .thenComparing(ClinicOverview.AwaitingSession::clientId));
        List<ClinicOverview.AwaitingSession> awaiting = allPages(
                page -> harness.overview.overview(NORTH, NOW, page, 130).awaitingNextSession());
        assertThat(awaiting).containsExactlyElementsOf(expected);
        assertThat(overview.touchUpsDue().total()).isZero();
        assertThat(overview.reportingDeadlines().total()).isZero();
    }

    @Test
    void theClientListHoldsEveryClientOnceInIdOrder() {
        List<ClientCourse> clients = allPages(page -> harness.overview.clients(NORTH, NOW, page, 150));
        assertThat(clients).extracting(ClientCourse::clientId).containsExactlyElementsOf(idsWhere(i -> true));
        for (int i = 0; i < CLIENTS; i++) {
            ClientCourse course = clients.get(i);
            assertThat(course.totalSessions()).as(course.clientId()).isEqualTo(i % 4 == 0 ? 0 : i % 4 == 1 ? 1 : 2);
            assertThat(course.lastSessionAt()).as(course.clientId()).isEqualTo(i % 4 == 0 ? null : lastSession(i));
        }
        assertThat(harness.overview.clients(SOUTH, NOW, 0, Page.MAX_SIZE).items())
                .extracting(ClientCourse::clientId)
                .hasSize(30)
                .allMatch(id -> id.startsWith("south-"));
    }

    @Test
    void theFlagListHoldsTheCrowdedClientsWorstFirst() {
        List<RiskFlags.Flag> flags =
                allPages(page -> harness.risk.flags(NORTH, NOW, page, 110).flags());
        assertThat(flags).extracting(RiskFlags.Flag::level).containsOnly(RiskLevel.HIGH);
        // the crown at 1.1 (i % 8 == 7) before the crown at 1.05 (i % 8 == 3), each by client id
        List<String> expected = new ArrayList<>(idsWhere(i -> i % 8 == 7));
        expected.addAll(idsWhere(i -> i % 8 == 3));
        assertThat(flags).extracting(RiskFlags.Flag::clientId).containsExactlyElementsOf(expected);
        assertThat(harness.risk.flags(SOUTH, NOW, 0, Page.MAX_SIZE).flags().items())
                .extracting(RiskFlags.Flag::clientId)
                .hasSize(30)
                .allMatch(id -> id.startsWith("south-"));
    }

    @Test
    void theClinicQueriesReadByExactKeysOnly() {
        sent.clear();
        harness.overview.overview(NORTH, NOW, 3, 100);
        harness.overview.clients(NORTH, NOW, 7, 100);
        harness.risk.flags(NORTH, NOW, 1, 100);
        harness.risk.risk(clientId(7), null, NOW);
        List<Sent> reads = sent.stream()
                .filter(s -> s.collection() != null
                        && (s.collection().startsWith("overview_")
                                || s.collection().startsWith("risk_")))
                .toList();
        assertThat(reads).extracting(Sent::command).containsOnly("find");
        assertThat(reads)
                .allSatisfy(s -> assertThat(exactKey(s.filter()))
                        .as("%s on %s: %s", s.command(), s.collection(), s.filter())
                        .isTrue());
        List<String> collections = reads.stream()
                .map(s -> s.collection().replaceAll("_g[0-9]+$", ""))
                .toList();
        int chunks = CLIENTS / LiveGenerations.IDS_PER_READ;
        // the overview: the clinic's policies, its 64 buckets in one query, every client's line in chunks;
        // the client list the same, but only its page's lines
        assertThat(collections).filteredOn("overview_clinics"::equals).hasSize(2);
        assertThat(collections).filteredOn("overview_rosters"::equals).hasSize(2);
        assertThat(collections).filteredOn("overview_summaries"::equals).hasSize(chunks + 1);
        // the flags: the same for the three quarters of the clients with density; one client's risk: it and its clinic
        assertThat(collections).filteredOn("risk_rosters"::equals).hasSize(1);
        assertThat(collections).filteredOn("risk_standings"::equals).hasSize(3 * chunks / 4);
        assertThat(collections).filteredOn("risk_clinics"::equals).hasSize(2);
        assertThat(collections).filteredOn("risk_clients"::equals).hasSize(1);
        assertThat(collections).hasSize(2 + chunks + 2 + 1 + 1 + 3 * chunks / 4 + 3);
    }

    static List<String> idsWhere(java.util.function.IntPredicate which) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            if (which.test(i)) {
                ids.add(clientId(i));
            }
        }
        return ids;
    }

    /** Every page of a list, each page's total the same. */
    static <T> List<T> allPages(Function<Integer, Page<T>> pages) {
        List<T> all = new ArrayList<>();
        Map<Long, Integer> totals = new HashMap<>();
        for (int page = 0; ; page++) {
            Page<T> next = pages.apply(page);
            totals.merge(next.total(), 1, Integer::sum);
            if (next.items().isEmpty()) {
                break;
            }
            all.addAll(next.items());
        }
        assertThat(totals).hasSize(1).containsKey((long) all.size());
        return all;
    }

    static void sent(String command, BsonDocument body) {
        switch (command) {
            case "find" ->
                sent.add(new Sent(
                        command, body.getString("find").getValue(), body.getDocument("filter", new BsonDocument())));
            case "update", "delete" -> {
                String list = command.equals("update") ? "updates" : "deletes";
                for (BsonValue statement : body.getArray(list, new BsonArray())) {
                    sent.add(new Sent(
                            command,
                            body.getString(command).getValue(),
                            statement.asDocument().getDocument("q")));
                }
            }
            default ->
                sent.add(new Sent(
                        command,
                        body.containsKey(command) && body.get(command).isString()
                                ? body.getString(command).getValue()
                                : null,
                        null));
        }
    }

    /** {@code {_id: value}} or {@code {_id: {$in: [at most 100 values]}}}. */
    static boolean exactKey(BsonDocument filter) {
        if (filter == null || filter.size() != 1 || !filter.containsKey("_id")) {
            return false;
        }
        BsonValue value = filter.get("_id");
        if (!value.isDocument()) {
            return true;
        }
        BsonDocument operator = value.asDocument();
        return operator.size() == 1
                && operator.containsKey("$in")
                && operator.get("$in").isArray()
                && operator.getArray("$in").size() <= LiveGenerations.IDS_PER_READ;
    }
}
