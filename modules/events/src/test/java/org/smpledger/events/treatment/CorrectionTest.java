package org.smpledger.events.treatment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.SessionCompleted.PigmentUse;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;

class CorrectionTest {

    static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    static SessionCompleted session(String id) {
        return new SessionCompleted(
                "client-1",
                id,
                1,
                1,
                AT,
                AT.plusSeconds(7200),
                "pr-1",
                List.of(
                        new ZoneWork(
                                ScalpZone.CROWN, 0.4, null, 3, 0.25, null, List.of(new PigmentUse("lot-1", 20)), null),
                        new ZoneWork(ScalpZone.HAIRLINE, 0.3, null, 1, 0.18, null, List.of(), null)),
                null,
                "calm",
                0);
    }

    static RecordCorrected correcting(String eventId, Map<String, String> changes) {
        return new RecordCorrected("client-1", "c-" + eventId, eventId, "SessionCompleted", "typo", changes, false);
    }

    static RecordCorrected voiding(String eventId) {
        return new RecordCorrected(
                "client-1", "v-" + eventId, eventId, "SessionCompleted", "wrong client", Map.of(), true);
    }

    @Test
    void theEventAsCorrectedIsANewEventWithTheCorrectedValuesOfTheirOwnTypes() {
        SessionCompleted corrected = Correction.of(correcting(
                        "e1",
                        Map.of(
                                "zoneWork[1].zone", "TEMPLES",
                                "zoneWork[0].densityAddedFraction", "0.35",
                                "zoneWork[0].pigments[0].lotId", "lot-2",
                                "startedAt", "2026-03-02T09:00:00Z")))
                .applyTo(session("s-1"))
                .orElseThrow();

        assertThat(corrected.zoneWork().get(1).zone()).isEqualTo(ScalpZone.TEMPLES);
        assertThat(corrected.zoneWork().get(0).densityAddedFraction()).isEqualTo(0.35);
        assertThat(corrected.zoneWork().get(0).pigments().get(0).lotId()).isEqualTo("lot-2");
        assertThat(corrected.startedAt()).isEqualTo(AT.minusSeconds(3600));
        assertThat(corrected.sessionId()).isEqualTo("s-1");
    }

    @Test
    void aVoidedEventDropsOut() {
        assertThat(Correction.of(voiding("e1")).applyTo(session("s-1"))).isEmpty();
        assertThat(Correction.asCorrected(
                        "e1",
                        session("s-1"),
                        List.of(
                                correcting("e1", Map.of("notes", "x")),
                                voiding("e1"),
                                correcting("e1", Map.of("notes", "y")))))
                .isEmpty();
    }

    @Test
    void correctionsApplyInTheOrderRecordedAndOnlyToTheEventTheyName() {
        SessionCompleted corrected = Correction.asCorrected(
                        "e1",
                        session("s-1"),
                        List.of(
                                correcting("e1", Map.of("notes", "first")),
                                correcting("e2", Map.of("notes", "other event")),
                                correcting("e1", Map.of("notes", "second"))))
                .orElseThrow();

        assertThat(corrected.notes()).isEqualTo("second");
    }

    @Test
    void aStoredChangeThatCannotBeReadIsLeftOutAndTheRestApplies() {
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("zoneWork[99999999999].pigments[0].lotId", "lot-other");
        odd.put("zoneWork[0].densityAddedFraction", "not a number");
        odd.put("zoneWork[1].densityAddedFraction", "-0.3");
        odd.put("zoneWork[5].densityAddedFraction", "0.1");
        odd.put("$where", "1");
        odd.put("notes.with.dots", "fine");
        odd.put("sessionNumber", "2");
        odd.put("override.reason", "none was given");
        odd.put("notes", "kept");
        Correction correction = Correction.of(correcting("e1", odd));

        SessionCompleted corrected = correction.applyTo(session("s-1")).orElseThrow();

        assertThat(correction.changes())
                .extracting(c -> c.field().toString())
                .containsExactly("zoneWork[5].densityAddedFraction", "override.reason", "notes");
        assertThat(corrected)
                .isEqualTo(new SessionCompleted(
                        "client-1",
                        "s-1",
                        1,
                        1,
                        AT,
                        AT.plusSeconds(7200),
                        "pr-1",
                        session("s-1").zoneWork(),
                        null,
                        "kept",
                        0));
    }

    @Test
    void aCorrectionOfAnUnknownTypeIsReadAgainstTheEventItIsAppliedTo() {
        RecordCorrected unnamed =
                new RecordCorrected("client-1", "c1", "e1", "NoSuchType", "typo", Map.of("notes", "x"), false);

        assertThat(Correction.of(unnamed).changes()).isEmpty();
        assertThat(Correction.of(unnamed).applyTo(session("s-1")).orElseThrow().notes())
                .isEqualTo("x");
    }

    @Test
    void theHistoryHoldsEachEventAsCorrectedInItsPlace() {
        CorrectedHistory history = new CorrectedHistory();
        history.add("e1", session("s-1"));
        history.add("e2", session("s-2"));
        history.add("e3", session("s-3"));
        history.add("c1", correcting("e1", Map.of("notes", "corrected")));
        history.add("c2", voiding("e2"));
        history.add("c3", correcting("e-unknown", Map.of("notes", "nothing to correct")));

        assertThat(history.events(SessionCompleted.class))
                .extracting(SessionCompleted::sessionId, SessionCompleted::notes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s-1", "corrected"),
                        org.assertj.core.groups.Tuple.tuple("s-3", "calm"));
        assertThat(history.events()).hasSize(2);
        assertThat(history.voided("e2")).isTrue();
        assertThat(history.voided("e1")).isFalse();
        assertThat(history.event("e2")).isEmpty();
        assertThat(history.event("c1")).isEmpty();
        assertThat(history.event("e1").map(e -> ((SessionCompleted) e).notes())).contains("corrected");
    }
}
