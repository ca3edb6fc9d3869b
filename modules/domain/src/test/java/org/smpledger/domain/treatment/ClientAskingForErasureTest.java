package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Refusals.refusedBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.policy.RetentionPolicy;
import org.smpledger.domain.recording.RuleViolation.Kind;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientPersonalDataErased.Reason;
import org.smpledger.events.treatment.ConsultationHeld;

/** A client asks for their personal data to be erased; the law may ask the clinic to keep the record first. */
class ClientAskingForErasureTest {

    /** Denmark's five years after the last treatment, for this clinic. */
    private static final RetentionPolicy DENMARK =
            new RetentionPolicy("AT", Map.of(CLINIC, "DK"), RetentionPolicy.DEFAULTS.rules(), ZoneId.of("UTC"));

    private static AggregateTestFixture<TreatmentRecord> fixture() {
        AggregateTestFixture<TreatmentRecord> fixture = Clinic.fixture();
        fixture.registerInjectableResource(DENMARK);
        return fixture;
    }

    private static ErasePersonalData erase(Instant at, String overrideBasis) {
        return new ErasePersonalData(
                CLIENT, null, "erasure-1", at, Reason.CLIENT_REQUEST, "GDPR Art. 17(1)(a)", overrideBasis, "admin-1");
    }

    @Test
    void insideTheRetentionPeriodTheErasureIsRefusedWithTheRuleAndTheDayItBecomesPossible() {
        fixture()
                .given(registered())
                .when(erase(Instant.parse("2029-01-01T10:00:00Z"), null), sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy(
                        "retention-period",
                        Kind.REFUSED,
                        Map.of("retentionRule", "DK-tattoo-act-5y", "erasableFrom", "2031-02-01")));
    }

    @Test
    void theRetentionPeriodCountsFromTheLastTreatment() {
        fixture()
                .given(registered(), consultationOn("2026-06-15T10:00:00Z"))
                .when(erase(Instant.parse("2031-06-14T12:00:00Z"), null), sentBy(CLINIC))
                .expectException(refusedBy("retention-period", Kind.REFUSED, Map.of("erasableFrom", "2031-06-15")))
                .expectNoEvents();
        fixture()
                .given(registered(), consultationOn("2026-06-15T10:00:00Z"))
                .when(erase(Instant.parse("2031-06-15T00:00:00Z"), null), sentBy(CLINIC))
                .expectEvents(new ClientPersonalDataErased(
                        CLIENT,
                        "erasure-1",
                        Instant.parse("2031-06-15T00:00:00Z"),
                        Reason.CLIENT_REQUEST,
                        "GDPR Art. 17(1)(a)",
                        null,
                        "admin-1"));
    }

    @Test
    void anOverridingLegalBasisLiftsTheRetentionPeriodAndIsRecorded() {
        fixture()
                .given(registered())
                .when(erase(Instant.parse("2027-01-01T10:00:00Z"), " court order 12/2026 "), sentBy(CLINIC))
                .expectEvents(new ClientPersonalDataErased(
                        CLIENT,
                        "erasure-1",
                        Instant.parse("2027-01-01T10:00:00Z"),
                        Reason.CLIENT_REQUEST,
                        "GDPR Art. 17(1)(a)",
                        new ClientPersonalDataErased.RetentionOverride(
                                "DK-tattoo-act-5y", LocalDate.parse("2031-02-01"), "court order 12/2026"),
                        "admin-1"));
    }

    @Test
    void anErasedRecordTakesNoPersonalDataButItsClinicalHistoryGoesOn() {
        ClientPersonalDataErased erased = new ClientPersonalDataErased(
                CLIENT,
                "erasure-1",
                Instant.parse("2031-03-01T00:00:00Z"),
                Reason.CLIENT_REQUEST,
                "x",
                null,
                "admin-1");
        fixture()
                .given(registered(), erased)
                .when(
                        new CorrectRecord(
                                CLIENT,
                                null,
                                "corr-1",
                                CLIENT,
                                "new name",
                                null,
                                false,
                                registered().personalDetails()),
                        sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy("personal-data-erased", Kind.REFUSED, Map.of()));
        fixture()
                .given(registered(), erased)
                .when(erase(Instant.parse("2031-04-01T00:00:00Z"), null), sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy("personal-data-already-erased", Kind.CONFLICT, Map.of()));
        fixture()
                .given(registered(), erased)
                .when(reaction("swelling, the client's partner called"), sentBy(CLINIC))
                .expectNoEvents()
                .expectException(refusedBy("personal-data-erased", Kind.REFUSED, Map.of()));
        fixture()
                .given(registered(), erased)
                .when(reaction(null), sentBy(CLINIC))
                .expectSuccessfulHandlerExecution();
    }

    private static ConsultationHeld consultationOn(String at) {
        ConsultationHeld c = consultation();
        return new ConsultationHeld(
                c.clientId(),
                c.consultationId(),
                Instant.parse(at),
                c.practitionerId(),
                c.hairLoss(),
                c.alopeciaType(),
                c.skin(),
                c.scars(),
                c.goals());
    }

    private static ReportAdverseReaction reaction(String description) {
        return new ReportAdverseReaction(
                CLIENT,
                null,
                "r-1",
                Instant.parse("2031-04-01T00:00:00Z"),
                PRACTITIONER,
                AdverseReactionReported.Kind.ALLERGIC,
                AdverseReactionReported.Severity.MILD,
                List.of(LOT),
                description,
                "AUTH-1");
    }
}
