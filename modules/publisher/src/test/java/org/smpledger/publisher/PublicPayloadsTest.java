package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.PersonalDetails;
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
    void personalDetailsNestedInAnyOtherPayloadAreDroppedToo() throws Exception {
        record FutureEvent(String clientId, PersonalDetails guardian, List<PersonalDetails> contacts) {}
        String published =
                new String(payloads.toJson(new FutureEventCarrier(new FutureEvent("client-1", jan, List.of(jan)))));
        assertThat(published).contains("client-1").doesNotContain("Jan", "1980", "example.org", "guardian", "contacts");
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
