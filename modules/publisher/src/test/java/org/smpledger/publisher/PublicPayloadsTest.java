package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.serialization.ServiceJson;

class PublicPayloadsTest {

    private final PublicPayloads payloads = new PublicPayloads(ServiceJson.mapper());
    private final ObjectMapper json = new ObjectMapper();
    private final PersonalDetails jan =
            new PersonalDetails("Jan Jansen", LocalDate.of(1980, 5, 17), "jan@example.org", "+31 6 1234");

    @Test
    void aRegistrationIsPublishedAsWhichClientAtWhichClinicAndWhen() throws Exception {
        JsonNode published = json.readTree(payloads.toJson(
                new ClientRegistered("client-1", "clinic-1", jan, Instant.parse("2026-03-02T09:00:00Z"))));
        assertThat(published.toString())
                .isEqualTo(
                        "{\"clientId\":\"client-1\",\"clinicId\":\"clinic-1\",\"registeredAt\":\"2026-03-02T09:00:00Z\"}");
    }

    @Test
    void aCorrectionOfPersonalDetailsIsPublishedAsTheClientIdOnly() throws Exception {
        JsonNode published =
                json.readTree(payloads.toJson(new ClientDetailsCorrected("client-1", jan, "new phone +31 6 1234")));
        assertThat(published.toString()).isEqualTo("{\"clientId\":\"client-1\"}");
    }

    @Test
    void publicTopicsCarryNoFreeTextAndNoHealthFactsTheClinicalTopicCarriesThemButNeverPersonalData() throws Exception {
        ContraindicationScreened screening = new ContraindicationScreened(
                "client-1",
                "scr-1",
                Instant.parse("2026-03-02T09:00:00Z"),
                "staff-1",
                List.of(new ContraindicationScreened.Finding(
                        ContraindicationScreened.Contraindication.PREGNANCY,
                        ContraindicationScreened.Severity.ABSOLUTE,
                        null,
                        "told us her due date")));
        JsonNode published = json.readTree(payloads.toJson(screening));
        assertThat(published.toString())
                .isEqualTo(
                        "{\"clientId\":\"client-1\",\"screeningId\":\"scr-1\",\"screenedAt\":\"2026-03-02T09:00:00Z\","
                                + "\"practitionerId\":\"staff-1\"}");
        String clinical = new String(payloads.toJson(screening, PublicPayloads.Audience.CLINICAL));
        assertThat(clinical).contains("PREGNANCY", "ABSOLUTE").doesNotContain("due date", "note");

        RecordCorrected correction = new RecordCorrected(
                "client-1",
                "k-1",
                "e-1",
                "PatchTestRecorded",
                "misread",
                Map.of("result", "POSITIVE", "findings", "Jan's arm red", "readAt", "2026-03-04T09:00:00Z"),
                false);
        JsonNode publicCorrection = json.readTree(payloads.toJson(correction));
        assertThat(publicCorrection.path("changes").toString()).isEqualTo("{\"readAt\":\"2026-03-04T09:00:00Z\"}");
        assertThat(publicCorrection.has("reason")).isFalse();
        JsonNode clinicalCorrection = json.readTree(payloads.toJson(correction, PublicPayloads.Audience.CLINICAL));
        assertThat(clinicalCorrection.path("changes").has("result")).isTrue();
        assertThat(clinicalCorrection.path("changes").has("findings")).isFalse();
        assertThat(clinicalCorrection.has("reason"))
                .as("a correction's reason is personal data: on no topic")
                .isFalse();

        SessionCompleted overridden = new SessionCompleted(
                "client-1",
                "s-9",
                1,
                5,
                Instant.parse("2026-03-09T09:00:00Z"),
                Instant.parse("2026-03-09T11:00:00Z"),
                "staff-1",
                List.of(),
                new SessionCompleted.Override(
                        "Jan's graft scar takes less", "lead-kim", List.of("session-limit: 5 of 4")),
                null,
                1);
        for (PublicPayloads.Audience audience : PublicPayloads.Audience.values()) {
            JsonNode session = json.readTree(payloads.toJson(overridden, audience));
            assertThat(session.path("override").path("approvedBy").asText()).isEqualTo("lead-kim");
            assertThat(session.path("override").path("limitsExceeded").toString())
                    .contains("session-limit");
            assertThat(session.toString()).as(audience.name()).doesNotContain("graft", "Jan");
        }
    }

    @Test
    void anErasureIsPublishedWithoutItsLegalBasisText() throws Exception {
        JsonNode published = json.readTree(payloads.toJson(new ClientPersonalDataErased(
                "client-1",
                "er-1",
                Instant.parse("2031-03-02T09:00:00Z"),
                ClientPersonalDataErased.Reason.CLIENT_REQUEST,
                "request of 2031-03-01",
                new ClientPersonalDataErased.RetentionOverride("AT-x", LocalDate.parse("2036-01-01"), "court order"),
                "admin-1")));
        assertThat(published.path("reason").asText()).isEqualTo("CLIENT_REQUEST");
        assertThat(published.toString()).doesNotContain("request of", "court order");
        assertThat(published.at("/retentionOverride/ruleId").asText()).isEqualTo("AT-x");
    }

    @Test
    void anEventTypeOutsideTheContractIsNotPublished() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> payloads.toJson(new FutureEventCarrier("x")))
                .withMessageContaining("not a published event type");
    }

    @Test
    void otherEventsArePublishedAsDocumentedWithIsoInstants() throws Exception {
        JsonNode published = json.readTree(payloads.toJson(new SessionCompleted(
                "client-1",
                "s-1",
                1,
                2,
                Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-03-02T11:00:00Z"),
                "staff-1",
                List.of(new SessionCompleted.ZoneWork(ScalpZone.CROWN, 0.2, null, 3, 0.25, null, List.of(), null)),
                null,
                null,
                null)));
        assertThat(published.path("endedAt").asText()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(published.at("/zoneWork/0/zone").asText()).isEqualTo("CROWN");
        assertThat(published.path("sessionNumber").asInt()).isEqualTo(2);
    }

    /** A stand-in for an event type added to the contract later, carrying personal details by mistake. */
    private record FutureEventCarrier(Object event) implements org.smpledger.events.SmpEvent {
        @Override
        public String streamId() {
            return "client-1";
        }
    }
}
