package org.smpledger.cli.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.smpledger.cli.log.LoggedEvent;
import org.smpledger.serialization.ServiceJson;

/** One JSON object per line, with the columns of {@link LoggedEvent#COLUMNS}; the payload is a JSON object. */
public final class NdjsonWriter implements EventWriter {

    private final JsonGenerator json;

    public NdjsonWriter(OutputStream out) throws IOException {
        this.json = ServiceJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(LoggedEvent e) throws IOException {
        json.writeStartObject();
        json.writeNumberField("position", e.position());
        json.writeStringField("event_id", e.eventId());
        json.writeStringField("event_type", e.eventType());
        json.writeStringField("revision", e.revision());
        json.writeStringField("stream_type", e.streamType());
        json.writeStringField("stream_id", e.streamId());
        json.writeFieldName("sequence");
        if (e.sequence() == null) {
            json.writeNull();
        } else {
            json.writeNumber(e.sequence());
        }
        time("stored_at", e.storedAt());
        time("recorded_at", e.recordedAt());
        time("occurred_at", e.occurredAt());
        json.writeStringField("clinic_id", e.clinicId());
        json.writeStringField("actor_id", e.actorId());
        json.writeStringField("actor_role", e.actorRole());
        json.writeStringField("correlation_id", e.correlationId());
        json.writeStringField("causation_id", e.causationId());
        json.writeFieldName("payload");
        if (e.payload() == null) {
            json.writeNull();
        } else {
            json.writeRawValue(new String(e.payload(), StandardCharsets.UTF_8));
        }
        json.writeEndObject();
    }

    private void time(String field, Instant value) throws IOException {
        json.writeStringField(field, value == null ? null : value.toString());
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}
