package org.smpledger.projections.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ProjectionEvent;

/**
 * The events that move a client's density (those the density ledger reads: sessions, touch-ups,
 * corrections), kept in the risk document as their JSON payloads so the ledger can be folded
 * again, up to any instant, without reading the event store; it applies each correction to the
 * event it names as every reader does ({@code Correction}).
 */
final class DensityInputs {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DensityInputs() {}

    static boolean movesDensity(TreatmentRecordEvent event) {
        return ZoneDensityLedger.reads(event);
    }

    static Document input(ProjectionEvent event) {
        try {
            return new Document("eventId", event.eventId())
                    .append("sequence", event.sequence())
                    .append("recordedAt", event.recordedAt().toString())
                    .append("type", event.typeName())
                    .append("payload", JSON.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger after every input recorded at or before {@code asOf} (all of them when null). */
    static ZoneDensityLedger fold(List<Document> inputs, Instant asOf, NaturalDensity naturalDensity) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty();
        for (Document input : inputs) {
            if (asOf != null && Instant.parse(input.getString("recordedAt")).isAfter(asOf)) {
                continue;
            }
            Class<? extends SmpEvent> type = EventCatalog.byName(input.getString("type"))
                    .orElseThrow(() -> new IllegalStateException("unknown event type " + input.getString("type")));
            try {
                TreatmentRecordEvent event = (TreatmentRecordEvent) JSON.readValue(input.getString("payload"), type);
                ledger = ledger.after(input.getString("eventId"), event, naturalDensity);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ledger;
    }
}
