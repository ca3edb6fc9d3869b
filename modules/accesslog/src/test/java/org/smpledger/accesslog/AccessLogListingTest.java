package org.smpledger.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

/** Records written through the queue and listed back per client and per clinic, newest first, by exact keys. */
class AccessLogListingTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:15:00Z");

    private MongoClient client;
    private MongoDatabase database;
    private MongoAccessLog accessLog;
    private AccessLogQueries queries;

    @BeforeEach
    void start() {
        client = MongoClients.create(TestMongo.connectionString());
        database = client.getDatabase(TestMongo.freshDatabaseName("accesslog"));
        RecordOwners owners = (kind, id) -> id.startsWith("south-") ? Optional.of("clinic-south") : Optional.empty();
        accessLog = MongoAccessLog.start(database, MongoAccessLog.Settings.defaults(), owners, Clock.systemUTC());
        queries = new AccessLogQueries(database, "access_log");
    }

    @AfterEach
    void stop() {
        accessLog.close();
        client.close();
    }

    @Test
    void aClientsAccessLogListsEveryReadOfItNewestFirstInPages() {
        List<AccessRecord> reads = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AccessRecord read = AccessRecords.timelineRead("pr-" + i, "clinic-north", "north-rae", T0.plusSeconds(i));
            reads.add(read);
            accessLog.record(read);
        }
        accessLog.record(AccessRecords.timelineRead("pr-x", "clinic-north", "north-other", T0));
        accessLog.close();

        AccessLogPage first = queries.forClient("clinic-north", "north-rae", 0, 3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.items())
                .extracting(AccessRecord::id)
                .containsExactly(
                        reads.get(6).id(), reads.get(5).id(), reads.get(4).id());
        assertThat(first.items().get(0)).isEqualTo(reads.get(6));
        AccessLogPage last = queries.forClient("clinic-north", "north-rae", 2, 3);
        assertThat(last.items())
                .extracting(AccessRecord::id)
                .containsExactly(reads.get(0).id());
        assertThat(queries.forClient("clinic-north", "north-rae", 3, 3).items()).isEmpty();
        assertThat(queries.forClient("clinic-south", "north-rae", 0, 3).total())
                .as("the same client id under another clinic is another list")
                .isZero();
    }

    @Test
    void aListAnswerIsInTheAccessLogOfEveryClientItNamed() {
        AccessRecord list = AccessRecords.listRead("au-1", "clinic-north", List.of("north-a", "north-b"), T0);
        accessLog.record(list);
        accessLog.close();

        assertThat(queries.forClient("clinic-north", "north-a", 0, 10).items()).containsExactly(list);
        assertThat(queries.forClient("clinic-north", "north-b", 0, 10).items()).containsExactly(list);
    }

    @Test
    void anAttemptOnAnotherClinicsRecordIsListedForBothClinicsAndTheRecordsOwnerSeesItOnTheClient() {
        AccessRecord probe = AccessRecords.refusedRead("pr-nosy", "clinic-north", "south-sam", T0);
        AccessRecord unknown = AccessRecords.refusedRead("pr-nosy", "clinic-north", "nobody", T0.plusSeconds(1));
        accessLog.record(probe);
        accessLog.record(unknown);
        accessLog.close();

        AccessRecord seenByOwner =
                queries.forClient("clinic-south", "south-sam", 0, 10).items().get(0);
        assertThat(seenByOwner.id()).isEqualTo(probe.id());
        assertThat(seenByOwner.outcome()).isEqualTo(AccessRecord.Outcome.OTHER_CLINIC);
        assertThat(seenByOwner.entity().clinicId()).isEqualTo("clinic-south");
        assertThat(seenByOwner.agent())
                .as("the owner learns that an outsider tried, not who in which clinic")
                .isEqualTo(AccessRecord.Agent.unknown());
        Instant hour = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(queries.forClinic("clinic-south", hour, hour.plusSeconds(3600), 0, 10)
                        .items())
                .extracting(AccessRecord::id)
                .containsExactly(probe.id());
        List<AccessRecord> seenByProber = queries.forClinic("clinic-north", hour, hour.plusSeconds(3600), 0, 10)
                .items();
        assertThat(seenByProber)
                .extracting(AccessRecord::id, AccessRecord::outcome)
                .as("the prober's clinic sees an attempt on an unknown record, not whose it was")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(unknown.id(), AccessRecord.Outcome.NOT_FOUND),
                        org.assertj.core.groups.Tuple.tuple(probe.id(), AccessRecord.Outcome.NOT_FOUND));
        assertThat(seenByProber.get(1).entity().clinicId()).isNull();
        assertThat(seenByProber.get(1).agent().userId()).isEqualTo("pr-nosy");
        assertThat(seenByProber.get(1).reason()).isEqualTo("not-found");
    }

    @Test
    void aClinicsLogCoversWholeHoursNewestFirstAcrossHoursAndPages() {
        List<AccessRecord> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AccessRecord read = AccessRecords.timelineRead(
                    "pr-1", "clinic-north", "north-rae", T0.plus(Duration.ofMinutes(20L * i)));
            reads.add(read);
            accessLog.record(read);
        }
        accessLog.record(AccessRecords.timelineRead("pr-2", "clinic-south", "south-sam", T0));
        accessLog.record(AccessRecords.failedSignIn(T0));
        accessLog.close();

        Instant from = Instant.parse("2026-11-25T10:40:00Z");
        Instant to = Instant.parse("2026-11-25T12:05:00Z");
        AccessLogPage page = queries.forClinic("clinic-north", from, to, 0, 4);
        assertThat(page.from()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(page.to()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        // 10:15 .. 13:15 every 20 min: those before 13:00 are reads 0..8
        assertThat(page.total()).isEqualTo(9);
        assertThat(page.items())
                .extracting(AccessRecord::id)
                .containsExactly(
                        reads.get(8).id(),
                        reads.get(7).id(),
                        reads.get(6).id(),
                        reads.get(5).id());
        assertThat(queries.forClinic("clinic-north", from, to, 2, 4).items())
                .extracting(AccessRecord::id)
                .containsExactly(reads.get(0).id());
        assertThat(queries.forClinic("clinic-south", from, to, 0, 10).items()).hasSize(1);
        assertThatThrownBy(() -> queries.forClinic("clinic-north", from, from.plus(Duration.ofDays(93)), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedSignInNamingNobodyIsStoredButListedForNoClinic() {
        AccessRecord failed = AccessRecords.failedSignIn(T0);
        accessLog.record(failed);
        accessLog.close();

        assertThat(database.getCollection("access_log").countDocuments()).isEqualTo(1);
        Instant hour = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(queries.forClinic("clinic-north", hour, hour.plusSeconds(3600), 0, 10)
                        .total())
                .isZero();
    }
}
