package org.smpledger.projections.lots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;
import static org.smpledger.events.treatment.ScalpZone.TEMPLES;
import static org.smpledger.projections.Clinic.day;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.projections.Clinic;
import org.smpledger.projections.ProjectionsHarness;

/** A manufacturer recalls a lot: the clinic finds every client and session that received it. */
class RecalledLotTest {

    static ProjectionsHarness harness;

    @BeforeAll
    static void recordUseOfTheLotThenItsRecall() {
        harness = new ProjectionsHarness();
        Clinic clinic = harness.clinic;
        clinic.receivesLot("lot-ash-3", "B-3310", day("2026-01-02"));
        clinic.receivesLot("lot-ash-4", "B-3311", day("2026-01-02"));

        clinic.registers("client-gus", day("2026-01-05"));
        clinic.patchTests("client-gus", "lot-ash-3", day("2026-01-05"));
        clinic.session("client-gus", "g1", 1, 1, day("2026-01-12"))
                .zone(HAIRLINE, 0.3, "lot-ash-3")
                .zone(CROWN, 0.3, "lot-ash-4")
                .completed();
        clinic.session("client-gus", "g2", 1, 2, day("2026-01-26"))
                .zone(HAIRLINE, 0.3, "lot-ash-4")
                .completed();

        clinic.registers("client-hana", day("2026-01-06"));
        clinic.session("client-hana", "h1", 1, 1, day("2026-01-13"))
                .zone(TEMPLES, 0.3, "lot-ash-3", "lot-ash-4")
                .completed();
        String wrongLot = clinic.session("client-hana", "h2", 1, 2, day("2026-01-27"))
                .zone(TEMPLES, 0.3, "lot-ash-3")
                .completed();
        clinic.corrects(
                "client-hana",
                wrongLot,
                "SessionCompleted",
                "label misread: the bottle was lot ash-4",
                Map.of("zoneWork[0].pigments[0].lotId", "lot-ash-4"),
                day("2026-01-28"));

        clinic.registers("client-ivo", day("2026-01-07"));
        String voided = clinic.session("client-ivo", "i1", 1, 1, day("2026-01-14"))
                .zone(CROWN, 0.3, "lot-ash-3")
                .completed();
        clinic.voids("client-ivo", voided, "SessionCompleted", "session did not take place", day("2026-01-15"));

        clinic.receivesLot("lot-ash-5", "B-3312", day("2026-01-02"));
        clinic.receivesLot("lot-ash-6", "B-3313", day("2026-01-02"));
        clinic.registers("client-jo", day("2026-01-08"));
        String patchTest = clinic.patchTests("client-jo", "lot-ash-6", day("2026-01-08"));
        clinic.corrects(
                "client-jo",
                patchTest,
                "PatchTestRecorded",
                "tested with the new lot",
                Map.of("lotId", "lot-ash-5", "appliedAt", day("2026-01-07").toString()),
                day("2026-01-11"));
        String jo = clinic.session("client-jo", "j1", 1, 1, day("2026-01-15"))
                .zone(CROWN, 0.3, "lot-ash-5")
                .completed();
        clinic.corrects(
                "client-jo",
                jo,
                "SessionCompleted",
                "it was the temples, the day before",
                Map.of(
                        "zoneWork[0].zone",
                        "TEMPLES",
                        "startedAt",
                        day("2026-01-14").toString()),
                day("2026-01-16"));

        clinic.recallsLot("lot-ash-3", day("2026-02-01"));

        // another clinic's record names lot-ash-3 through a correction: it must not reach this clinic's recall
        harness.events.record(
                new ClientRegistered(
                        "client-south-sol",
                        "clinic-south",
                        new PersonalDetails("Sol South", LocalDate.of(1979, 5, 5), null, null),
                        day("2026-01-08")),
                day("2026-01-08"),
                "practitioner-sid",
                "clinic-south");
        Instant southSession = day("2026-01-15");
        String south = harness.events.record(
                new SessionCompleted(
                        "client-south-sol",
                        "s1",
                        1,
                        1,
                        southSession,
                        southSession.plusSeconds(3600),
                        "practitioner-sid",
                        List.of(new SessionCompleted.ZoneWork(
                                CROWN,
                                0.3,
                                null,
                                3,
                                0.25,
                                null,
                                List.of(new SessionCompleted.PigmentUse("lot-south-1", 20)),
                                null)),
                        null,
                        null,
                        null),
                southSession,
                "practitioner-sid",
                "clinic-south");
        harness.events.record(
                new RecordCorrected(
                        "client-south-sol",
                        "sc1",
                        south,
                        "SessionCompleted",
                        "typed another clinic's lot id",
                        Map.of("zoneWork[0].pigments[0].lotId", "lot-ash-3"),
                        false),
                day("2026-01-16"),
                "practitioner-sid",
                "clinic-south");
        harness.caughtUp();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void everyClientAndSessionThatReceivedTheRecalledLotIsListedWithTheZones() {
        LotRecall recall =
                harness.lots.clients("lot-ash-3", "clinic-north", 0, 50).orElseThrow();

        assertThat(recall.batchNumber()).isEqualTo("B-3310");
        assertThat(recall.brand()).isEqualTo("Inkline");
        assertThat(recall.recall().reason()).isEqualTo("bacterial contamination");
        assertThat(recall.recall().authorityReference()).isEqualTo("FDA-2026-0042");
        assertThat(recall.clientsReceived()).isEqualTo(2);
        assertThat(recall.clients().items())
                .extracting(LotRecall.ClientUse::clientId)
                .containsExactly("client-gus", "client-hana", "client-ivo");

        assertThat(recall.clients().items().get(0).uses())
                .extracting(LotRecall.Use::kind, LotRecall.Use::sessionId, LotRecall.Use::status)
                .containsExactly(tuple("patch-test", null, "received"), tuple("session", "g1", "received"));
        assertThat(recall.clients().items().get(0).uses().get(1).zones()).containsExactly("HAIRLINE");
        assertThat(recall.clients().items().get(0).uses().get(1).at()).isEqualTo(day("2026-01-12"));
    }

    @Test
    void aCorrectedLotNumberMovesTheSessionToTheLotActuallyUsed() {
        LotRecall ash3 =
                harness.lots.clients("lot-ash-3", "clinic-north", 0, 50).orElseThrow();
        assertThat(ash3.clients().items().get(1).uses())
                .extracting(LotRecall.Use::sessionId, LotRecall.Use::status)
                .containsExactly(tuple("h1", "received"), tuple("h2", "corrected-away"));

        LotRecall ash4 =
                harness.lots.clients("lot-ash-4", "clinic-north", 0, 50).orElseThrow();
        assertThat(ash4.recall()).isNull();
        assertThat(ash4.clients().items())
                .extracting(LotRecall.ClientUse::clientId)
                .containsExactly("client-gus", "client-hana");
        assertThat(ash4.clients().items().get(1).uses())
                .extracting(LotRecall.Use::sessionId, LotRecall.Use::status)
                .containsExactly(tuple("h1", "received"), tuple("h2", "received"));
    }

    @Test
    void aCorrectedZoneTimeOrPatchTestLotIsWhatTheRecallShows() {
        LotRecall ash5 =
                harness.lots.clients("lot-ash-5", "clinic-north", 0, 50).orElseThrow();

        assertThat(ash5.clients().items())
                .extracting(LotRecall.ClientUse::clientId)
                .containsExactly("client-jo");
        assertThat(ash5.clients().items().get(0).uses())
                .extracting(LotRecall.Use::kind, LotRecall.Use::sessionId, LotRecall.Use::at, LotRecall.Use::status)
                .containsExactly(
                        tuple("patch-test", null, day("2026-01-07"), "received"),
                        tuple("session", "j1", day("2026-01-14"), "received"));
        assertThat(ash5.clients().items().get(0).uses().get(1).zones()).containsExactly("TEMPLES");
        assertThat(harness.lots
                        .clients("lot-ash-6", "clinic-north", 0, 50)
                        .orElseThrow()
                        .clients()
                        .items())
                .singleElement()
                .satisfies(jo -> assertThat(jo.uses())
                        .extracting(LotRecall.Use::kind, LotRecall.Use::status)
                        .containsExactly(tuple("patch-test", "corrected-away")));
        assertThat(harness.risk
                        .risk("client-jo", null, ProjectionsHarness.NOW)
                        .orElseThrow()
                        .zones())
                .singleElement()
                .satisfies(zone -> {
                    assertThat(zone.zone()).isEqualTo("TEMPLES");
                    assertThat(zone.density()).isEqualTo(0.3);
                    assertThat(zone.sessions())
                            .singleElement()
                            .satisfies(s -> assertThat(s.at()).isEqualTo(day("2026-01-14")));
                });
    }

    @Test
    void aVoidedSessionStaysListedButMarkedVoided() {
        LotRecall recall =
                harness.lots.clients("lot-ash-3", "clinic-north", 0, 50).orElseThrow();

        assertThat(recall.clients().items().get(2).uses())
                .singleElement()
                .satisfies(use -> assertThat(use.status()).isEqualTo("voided"));
    }

    @Test
    void aClinicSeesOnlyItsOwnLotsAndOnlyItsOwnClientsInThem() {
        assertThat(harness.lots
                        .clients("lot-ash-3", "clinic-north", 0, 50)
                        .orElseThrow()
                        .clients()
                        .items())
                .extracting(LotRecall.ClientUse::clientId)
                .doesNotContain("client-south-sol");
        assertThat(harness.lots.clients("lot-ash-3", "clinic-south", 0, 50))
                .as("another clinic's lot answers like an unknown one")
                .isEmpty();
        assertThat(harness.lots.clients("lot-south-1", "clinic-south", 0, 50))
                .as("a lot nobody received (only named in a session) is no clinic's")
                .isEmpty();
    }

    @Test
    void theClientListIsPagedAndAnUnknownLotIsNotFound() {
        LotRecall second =
                harness.lots.clients("lot-ash-3", "clinic-north", 1, 2).orElseThrow();
        assertThat(second.clients().total()).isEqualTo(3);
        assertThat(second.clients().items())
                .extracting(LotRecall.ClientUse::clientId)
                .containsExactly("client-ivo");

        assertThat(harness.lots.clients("lot-unknown", "clinic-north", 0, 10)).isEmpty();
    }
}
