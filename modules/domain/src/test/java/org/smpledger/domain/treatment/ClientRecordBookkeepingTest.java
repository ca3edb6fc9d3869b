package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.recorded;
import static org.smpledger.domain.treatment.Refusals.refusedBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.recording.RequestMetaData;
import org.smpledger.domain.recording.RuleViolation.Kind;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.AftercareIssued.Instruction;
import org.smpledger.events.treatment.AftercareIssued.Restriction;
import org.smpledger.events.treatment.HealingAssessed;

/** Registration, retries, versions and clinics: how the record keeps itself straight. */
class ClientRecordBookkeepingTest {

    private static final RegisterClient REGISTER = new RegisterClient(
            CLIENT, CLINIC, registered().personalDetails(), registered().registeredAt());
    private static final SignConsent CONSENT =
            new SignConsent(CLIENT, null, "consent-1", Instant.parse("2026-02-01T12:00:00Z"), "v3", "doc", "pr-ben");

    @Test
    void registeringANewClientOpensTheRecord() {
        fixture()
                .givenNoPriorActivity()
                .when(REGISTER, sentBy(CLINIC))
                .expectEvents(registered())
                .expectResultMessagePayloadMatching(recorded("ClientRegistered", CLIENT, 0));
    }

    @Test
    void registeringAnExistingClientAgainConflicts() {
        fixture()
                .given(registered())
                .when(REGISTER, sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy("client-already-registered", Kind.CONFLICT, Map.of("clientId", CLIENT)));
    }

    @Test
    void retriedRegistrationWithTheSameKeyRecordsNothingAndAnswersAsTheFirstTime() {
        fixture()
                .given(GenericEventMessage.asEventMessage(registered()).andMetaData(retried("key-1", "fp-1")))
                .when(REGISTER, retried("key-1", "fp-1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(recorded("ClientRegistered", CLIENT, 0));
    }

    @Test
    void retriedConsentWithTheSameKeyRecordsNothing() {
        fixture()
                .given(registered())
                .andGivenCommands(
                        GenericCommandMessage.asCommandMessage(CONSENT).andMetaData(retried("key-2", "fp-2")))
                .when(CONSENT, retried("key-2", "fp-2"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(recorded("ConsentSigned", "consent-1", 1));
    }

    @Test
    void sameKeyForADifferentRequestIsRefused() {
        fixture()
                .given(registered())
                .andGivenCommands(
                        GenericCommandMessage.asCommandMessage(CONSENT).andMetaData(retried("key-2", "fp-2")))
                .when(CONSENT, retried("key-2", "fp-other"))
                .expectNoEvents()
                .expectException(refusedBy("idempotency-key-reused", Map.of("idempotencyKey", "key-2")));
    }

    @Test
    void aRetryOfARequestRecordedBeforeFingerprintsWereKeyedIsStillRecognised() {
        // stored by a version that wrote plain SHA-256 fingerprints; the retry carries the keyed one and,
        // for exactly this case, the unkeyed one (command metadata only)
        String unkeyed = "9f2c" + "0".repeat(60);
        fixture()
                .given(GenericEventMessage.asEventMessage(registered()).andMetaData(retried("key-1", unkeyed)))
                .when(
                        REGISTER,
                        retried("key-1", "hmac-sha256:" + "1".repeat(64))
                                .and(RequestMetaData.UNKEYED_REQUEST_FINGERPRINT, unkeyed))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(recorded("ClientRegistered", CLIENT, 0));
        fixture()
                .given(GenericEventMessage.asEventMessage(registered()).andMetaData(retried("key-1", unkeyed)))
                .when(
                        REGISTER,
                        retried("key-1", "hmac-sha256:" + "1".repeat(64))
                                .and(RequestMetaData.UNKEYED_REQUEST_FINGERPRINT, "77" + "0".repeat(62)))
                .expectNoEvents()
                .expectException(refusedBy("idempotency-key-reused", Map.of("idempotencyKey", "key-1")));
    }

    @Test
    void aKeyedFingerprintIsNeverMatchedByTheUnkeyedOne() {
        String keyed = "hmac-sha256:" + "1".repeat(64);
        fixture()
                .given(GenericEventMessage.asEventMessage(registered()).andMetaData(retried("key-1", keyed)))
                .when(
                        REGISTER,
                        retried("key-1", "hmac-sha256:" + "2".repeat(64))
                                .and(RequestMetaData.UNKEYED_REQUEST_FINGERPRINT, keyed))
                .expectNoEvents()
                .expectException(refusedBy("idempotency-key-reused", Map.of("idempotencyKey", "key-1")));
    }

    @Test
    void commandSentWithAnOutdatedVersionConflicts() {
        fixture()
                .given(registered(), consultation())
                .when(
                        new SignConsent(
                                CLIENT, 0L, "consent-1", Instant.parse("2026-02-01T12:00:00Z"), "v3", "doc", "pr-ben"),
                        sentBy(CLINIC))
                .expectNoEvents()
                .expectException(
                        refusedBy("stream-version", Kind.CONFLICT, Map.of("expectedVersion", 0, "currentVersion", 1)));
    }

    @Test
    void commandSentWithTheCurrentVersionIsRecorded() {
        fixture()
                .given(registered(), consultation())
                .when(
                        new SignConsent(
                                CLIENT, 1L, "consent-1", Instant.parse("2026-02-01T12:00:00Z"), "v3", "doc", "pr-ben"),
                        sentBy(CLINIC))
                .expectResultMessagePayloadMatching(recorded("ConsentSigned", "consent-1", 2));
    }

    @Test
    void anotherClinicCannotSeeTheRecord() {
        fixture()
                .given(registered())
                .when(CONSENT, sentBy("clinic-south"))
                .expectNoEvents()
                .expectException(refusedBy("client-not-found", Kind.NOT_FOUND, Map.of()));
    }

    @Test
    void aftercareWithoutInstructionsGetsTheClinicDefaults() {
        CompleteSession session =
                session("s-1", FIRST_SESSION, work(org.smpledger.events.treatment.ScalpZone.CROWN, 0.3));
        Instant issued = FIRST_SESSION.plusSeconds(4 * 3600);
        fixture()
                .given(registered(), screening(), consent(), negativePatchTest(), completed(session, 1, 1))
                .when(new IssueAftercare(CLIENT, null, "ac-1", "s-1", issued, PRACTITIONER, null, true))
                .expectEvents(new AftercareIssued(
                        CLIENT,
                        "ac-1",
                        "s-1",
                        issued,
                        PRACTITIONER,
                        List.of(
                                new Instruction(Restriction.NO_WETTING, 5), new Instruction(Restriction.NO_GYM, 7),
                                new Instruction(Restriction.NO_SUN, 28), new Instruction(Restriction.NO_SWIMMING, 30)),
                        true));
    }

    @Test
    void healingCheckOfASessionNotOnRecordIsRefused() {
        fixture()
                .given(registered())
                .when(new AssessHealing(
                        CLIENT,
                        null,
                        "ha-1",
                        "s-9",
                        FIRST_SESSION,
                        PRACTITIONER,
                        HealingAssessed.Outcome.AS_EXPECTED,
                        null,
                        null))
                .expectException(refusedBy("session-unknown", Map.of("sessionId", "s-9")));
    }

    @Test
    void aPigmentLotsIdIsNoClientRecord() {
        fixture()
                .given(new org.smpledger.events.lot.PigmentLotReceived(
                        CLIENT,
                        CLINIC,
                        BRAND,
                        "black",
                        "B-1",
                        java.time.LocalDate.parse("2099-01-01"),
                        true,
                        Instant.parse("2026-01-02T10:00:00Z"),
                        PRACTITIONER))
                .when(CONSENT, sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy("client-not-found", Kind.NOT_FOUND, Map.of()));
    }
}
