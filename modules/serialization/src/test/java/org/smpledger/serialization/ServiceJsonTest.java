package org.smpledger.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.ConsentSigned;

class ServiceJsonTest {

    private final ObjectMapper json = ServiceJson.mapper();
    private final ObjectMapper javaTime = new ObjectMapper().registerModule(new JavaTimeModule());

    record Times(Instant at, Duration lasted) {}

    @Test
    void instantsReadExactlyAsJavaTimeReadsThemOnTheShortPathAndOffIt() throws Exception {
        for (String text : List.of(
                "\"2026-01-12T09:30:00Z\"",
                "\"2026-01-12T09:30:00.120Z\"",
                "\"2024-02-29T23:59:59.000001Z\"",
                "\"1969-12-31T23:59:59.999999999Z\"",
                "\"2026-01-12T09:30:00.1Z\"",
                "\"2026-01-12T09:30:00+01:00\"",
                "1768210200.5",
                "1768210200")) {
            assertThat(json.readValue(text, Instant.class)).as(text).isEqualTo(javaTime.readValue(text, Instant.class));
        }
    }

    @Test
    void aTimeThatIsNoInstantIsRefusedAsJavaTimeRefusesIt() {
        for (String text : List.of("\"2026-02-30T09:30:00Z\"", "\"2026-01-12T24:30:00Z\"", "\"yesterday\"")) {
            assertThatThrownBy(() -> json.readValue(text, Instant.class))
                    .as(text)
                    .isInstanceOf(InvalidFormatException.class);
        }
    }

    @Test
    void timesAndDurationsAreWrittenAsIsoTextAndUnknownPropertiesAreIgnored() throws Exception {
        Times times = new Times(Instant.parse("2026-01-12T09:30:00.120Z"), Duration.ofHours(48));
        String written = json.writeValueAsString(times);
        assertThat(written).isEqualTo("{\"at\":\"2026-01-12T09:30:00.120Z\",\"lasted\":\"PT48H\"}");

        Map<String, Object> newer = Map.of(
                "clientId", "client-1",
                "consentId", "c-1",
                "signedAt", "2026-03-02T10:00:00Z",
                "formVersion", "v3",
                "documentRef", "doc-1",
                "witnessedBy", "staff-2",
                "addedInALaterRevision", true);
        ConsentSigned read = json.readValue(json.writeValueAsBytes(newer), ConsentSigned.class);
        assertThat(read)
                .isEqualTo(new ConsentSigned(
                        "client-1", "c-1", Instant.parse("2026-03-02T10:00:00Z"), "v3", "doc-1", "staff-2"));
    }
}
