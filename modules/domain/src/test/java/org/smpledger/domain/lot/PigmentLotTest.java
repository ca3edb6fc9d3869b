package org.smpledger.domain.lot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;

class PigmentLotTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-02T10:00:00Z");
    private static final ReceivePigmentLot RECEIVE = new ReceivePigmentLot(
            "lot-1",
            "clinic-north",
            "InkCo",
            "dark brown",
            "B-1001",
            LocalDate.parse("2027-12-31"),
            true,
            RECEIVED,
            "pr-anna");
    private static final PigmentLotReceived RECEIVED_EVENT = new PigmentLotReceived(
            "lot-1",
            "clinic-north",
            "InkCo",
            "dark brown",
            "B-1001",
            LocalDate.parse("2027-12-31"),
            true,
            RECEIVED,
            "pr-anna");
    private static final RecallPigmentLot RECALL = new RecallPigmentLot(
            "lot-1", null, "microbial contamination", Instant.parse("2026-04-01T08:00:00Z"), "pr-lead", "FDA-2026-12");

    private final AggregateTestFixture<PigmentLot> fixture = new AggregateTestFixture<>(PigmentLot.class);

    @Test
    void clinicReceivesALot() {
        fixture.givenNoPriorActivity().when(RECEIVE).expectEvents(RECEIVED_EVENT);
    }

    @Test
    void receivingTheSameLotTwiceConflicts() {
        fixture.given(RECEIVED_EVENT)
                .when(RECEIVE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolation v
                        && v.rule().equals("lot-already-received")
                        && v.kind() == RuleViolation.Kind.CONFLICT));
    }

    @Test
    void retriedReceiptWithTheSameKeyRecordsNothing() {
        MetaData key = MetaData.with(EventMetadata.IDEMPOTENCY_KEY, "k").and(EventMetadata.REQUEST_FINGERPRINT, "fp");
        fixture.given(GenericEventMessage.asEventMessage(RECEIVED_EVENT).andMetaData(key))
                .when(RECEIVE, key)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(r -> r instanceof Recorded rec
                        && rec.streamVersion() == 0
                        && rec.eventType().equals("PigmentLotReceived")));
    }

    @Test
    void recallingALotRecordsTheReason() {
        fixture.given(RECEIVED_EVENT)
                .when(RECALL)
                .expectEvents(new PigmentLotRecalled(
                        "lot-1", "microbial contamination", RECALL.recalledAt(), "pr-lead", "FDA-2026-12"));
    }

    @Test
    void recallingTwiceConflicts() {
        fixture.given(RECEIVED_EVENT, new PigmentLotRecalled("lot-1", "x", RECALL.recalledAt(), "pr-lead", null))
                .when(RECALL)
                .expectException(
                        predicate(e -> e instanceof RuleViolation v && v.rule().equals("lot-already-recalled")));
    }

    @Test
    void lotFactsFoldTheReceiptAndTheFirstRecall() {
        Optional<LotFacts> facts = LotFacts.of(List.of(
                RECEIVED_EVENT,
                new PigmentLotRecalled("lot-1", "first", RECALL.recalledAt(), "pr-lead", null),
                new PigmentLotRecalled("lot-1", "second", RECALL.recalledAt().plusSeconds(60), "pr-lead", null)));
        assertThat(facts).get().satisfies(lot -> {
            assertThat(lot.brand()).isEqualTo("InkCo");
            assertThat(lot.recall()).get().extracting(LotFacts.Recall::reason).isEqualTo("first");
        });
        assertThat(LotFacts.of(List.of())).isEmpty();
    }

    @Test
    void aLotCannotBeReceivedUnderTheIdOfAClientsRecord() {
        fixture.given(new ClientRegistered(
                        "lot-1",
                        "clinic-north",
                        new PersonalDetails("Sam", LocalDate.parse("1985-04-02"), null, null),
                        RECEIVED))
                .when(RECEIVE)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolation v
                        && v.rule().equals("lot-id-in-use")
                        && v.kind() == RuleViolation.Kind.CONFLICT));
    }

    @Test
    void aLotIdAnotherClinicHoldsIsInUseJustAsAClientsRecordIs() {
        fixture.given(RECEIVED_EVENT)
                .when(RECEIVE, MetaData.with(EventMetadata.CLINIC_ID, "clinic-south"))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolation v
                        && v.rule().equals("lot-id-in-use")
                        && v.getMessage().equals("The id lot-1 is already in use; choose another lot id.")));
    }

    @Test
    void aClientsRecordIsNoLotToRecall() {
        fixture.given(new ClientRegistered(
                        "lot-1",
                        "clinic-north",
                        new PersonalDetails("Sam", LocalDate.parse("1985-04-02"), null, null),
                        RECEIVED))
                .when(RECALL)
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolation v
                        && v.rule().equals("pigment-lot-not-found")
                        && v.kind() == RuleViolation.Kind.NOT_FOUND));
    }
}
