package org.smpledger.domain.treatment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.events.treatment.ScalpZone.HAIRLINE;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.RecordCorrected;

/** What a correction may change: only fields the corrected event really holds, with values of their kind. */
class ClientRecordCorrectionsTest {

    private static final CompleteSession FIRST = session("s-1", FIRST_SESSION, work(CROWN, 0.4), work(HAIRLINE, 0.3));

    private static Object[] afterFirstSession() {
        Object[] ready = readyForFirstSession();
        Object[] all = java.util.Arrays.copyOf(ready, ready.length + 1);
        all[ready.length] = completed(FIRST, 1, 1);
        return all;
    }

    private static CorrectRecord correcting(String eventOrRecordId, Map<String, String> changes) {
        return new CorrectRecord(CLIENT, null, "corr-1", eventOrRecordId, "typo", changes, false, null);
    }

    @Test
    void aChangeWithoutAValueIsRefusedNamingTheField() {
        Map<String, String> changes = new HashMap<>();
        changes.put("notes", null);
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", changes))
                .expectNoEvents()
                .expectException(refusedBy("correction-value-invalid", Map.of("field", "notes")));
    }

    @Test
    void aZoneEntryFarBeyondTheSessionIsRefusedNamingTheField() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[999].densityAddedFraction", "0.3")))
                .expectNoEvents()
                .expectException(refusedBy(
                        "correction-value-invalid",
                        Map.of("field", "zoneWork[999].densityAddedFraction", "entries", 2)));
    }

    @Test
    void anIndexTooLongToBeAnIndexIsRefusedAsNoFieldPath() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[99999999999].densityAddedFraction", "0.3")))
                .expectNoEvents()
                .expectException(refusedBy(
                        "correction-field-invalid", Map.of("field", "zoneWork[99999999999].densityAddedFraction")));
    }

    @Test
    void aPigmentEntryBeyondTheZoneWorkIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[0].pigments[1].lotId", "lot-2")))
                .expectNoEvents()
                .expectException(refusedBy(
                        "correction-value-invalid", Map.of("field", "zoneWork[0].pigments[1].lotId", "entries", 1)));
    }

    @Test
    void aKeyStartingWithADollarIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("$set", "x")))
                .expectNoEvents()
                .expectException(refusedBy("correction-field-invalid", Map.of("field", "$set")));
    }

    @Test
    void whatIdentifiesTheSessionCannotBeCorrectedOnlyVoidedAndRecordedAgain() {
        for (String identity : java.util.List.of("clientId", "sessionId", "course", "sessionNumber")) {
            fixture()
                    .given(afterFirstSession())
                    .when(correcting("s-1", Map.of(identity, "2")))
                    .expectNoEvents()
                    .expectException(refusedBy("correction-field-invalid", Map.of("field", identity)));
        }
    }

    @Test
    void aPathThroughAFieldTheSessionDoesNotHaveIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[0].shade", "black")))
                .expectNoEvents()
                .expectException(refusedBy("correction-field-invalid", Map.of("field", "zoneWork[0].shade")));
    }

    @Test
    void aWholeZoneEntryCannotBeReplacedByText() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[0]", "CROWN 0.3")))
                .expectNoEvents()
                .expectException(refusedBy("correction-field-invalid", Map.of("field", "zoneWork[0]")));
    }

    @Test
    void aNeedleCountThatIsNotAWholeNumberIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[1].needleCount", "three")))
                .expectNoEvents()
                .expectException(refusedBy("correction-value-invalid", Map.of("field", "zoneWork[1].needleCount")));
    }

    @Test
    void aNegativeDensityIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of("zoneWork[1].densityAddedFraction", "-0.2")))
                .expectNoEvents()
                .expectException(
                        refusedBy("correction-value-invalid", Map.of("field", "zoneWork[1].densityAddedFraction")));
    }

    @Test
    void moreThanFiftyChangesAreRefused() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            changes.put("notes" + i, "x");
        }
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", changes))
                .expectNoEvents()
                .expectException(refusedBy("correction-too-large", Map.of("changes", 51, "maximum", 50)));
    }

    @Test
    void fieldsOfTheSessionAndItsZonesInRangeAreStoredAsGiven() {
        Map<String, String> changes = Map.of(
                "zoneWork[1].pigments[0].lotId",
                OTHER_BRAND_LOT,
                "zoneWork[0].needleCount",
                "5",
                "notes",
                "client asked for a break",
                "zoneWork[1].zone",
                "TEMPLES");
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", changes))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof RecordCorrected r
                                && r.changes().equals(changes)
                                && r.correctedEventType().equals("SessionCompleted")),
                        andNoMore())));
    }

    @Test
    void aScreeningFindingBeyondTheScreeningIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("scr-1", Map.of("findings[0].note", "on aspirin")))
                .expectNoEvents()
                .expectException(
                        refusedBy("correction-value-invalid", Map.of("field", "findings[0].note", "entries", 0)));
    }

    @Test
    void anEmptyCorrectionIsRefused() {
        fixture()
                .given(afterFirstSession())
                .when(correcting("s-1", Map.of()))
                .expectNoEvents()
                .expectException(refusedBy("correction-empty"));
    }

    @Test
    void aCorrectionItselfCannotBeCorrected() {
        fixture()
                .given(afterFirstSession())
                .andGivenCommands(correcting("s-1", Map.of("notes", "calm")))
                .when(new CorrectRecord(CLIENT, null, "corr-2", "corr-1", "typo", Map.of("reason", "x"), false, null))
                .expectNoEvents()
                .expectException(refusedBy("correction-not-correctable"));
    }

    @Test
    void aPatchTestCorrectedToPositiveBarsItsBrand() {
        fixture()
                .given(readyForFirstSession())
                .andGivenCommands(correcting(
                        "pt-1", Map.of("result", "POSITIVE", "findings", "redness read from the photo two days later")))
                .when(FIRST)
                .expectNoEvents()
                .expectException(refusedBy("patch-test-positive", Map.of("brand", BRAND)));
    }

    @Test
    void aSessionStartCorrectedToLaterMovesTheIntervalToTheNextSession() {
        CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 8), work(CROWN, 0.2));
        fixture()
                .given(afterFirstSession())
                .andGivenCommands(correcting(
                        "s-1",
                        Map.of(
                                "startedAt",
                                daysAfter(FIRST_SESSION, 3).toString(),
                                "endedAt",
                                daysAfter(FIRST_SESSION, 3).plusSeconds(10800).toString())))
                .when(second)
                .expectNoEvents()
                .expectException(refusedBy("session-interval", Map.of("daysSinceLastSession", 5)));
    }

    @Test
    void aZoneCorrectedOnASessionCarriesItsDensityToThatZone() {
        CompleteSession second = session("s-2", daysAfter(FIRST_SESSION, 10), work(HAIRLINE, 0.5));
        fixture()
                .given(afterFirstSession())
                .andGivenCommands(correcting("s-1", Map.of("zoneWork[0].zone", "HAIRLINE")))
                .when(second)
                .expectNoEvents()
                .expectException(refusedBy("density-ceiling", Map.of("zone", "HAIRLINE", "wouldBe", 1.2)));
    }

    @Test
    void theRegistrationIsCorrectedOnlyWithPersonalDetailsInFull() {
        fixture()
                .given(afterFirstSession())
                .when(correcting(CLIENT, Map.of("personalDetails.fullName", "Sam Clientson")))
                .expectNoEvents()
                .expectException(refusedBy("personal-details-required"));
    }
}
