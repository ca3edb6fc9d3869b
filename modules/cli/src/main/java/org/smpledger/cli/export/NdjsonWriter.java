package org.smpledger.cli.export;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smpledger.cli.log.LoggedEvent;

/**
 * One JSON object per line, with the columns of {@link LoggedEvent#COLUMNS}; the payload is a JSON
 * object, written as the bytes the service's JSON configuration wrote it in (one line: compact JSON
 * escapes every line break). Text values are escaped by Jackson's encoder.
 */
public final class NdjsonWriter implements EventWriter {

    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, byte[]> NAMES = new ConcurrentHashMap<>();

    private final OutputStream out;

    public NdjsonWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(LoggedEvent e) throws IOException {
        field("{\"position\":", e.position());
        text(",\"event_id\":", e.eventId());
        text(",\"event_type\":", e.eventType());
        text(",\"revision\":", e.revision());
        text(",\"stream_type\":", e.streamType());
        text(",\"stream_id\":", e.streamId());
        if (e.sequence() == null) {
            raw(",\"sequence\":");
            out.write(NULL);
        } else {
            field(",\"sequence\":", e.sequence());
        }
        time(",\"stored_at\":", e.storedAt());
        time(",\"recorded_at\":", e.recordedAt());
        time(",\"occurred_at\":", e.occurredAt());
        text(",\"clinic_id\":", e.clinicId());
        text(",\"actor_id\":", e.actorId());
        text(",\"actor_role\":", e.actorRole());
        text(",\"correlation_id\":", e.correlationId());
        text(",\"causation_id\":", e.causationId());
        raw(",\"payload\":");
        out.write(e.payload() == null ? NULL : e.payload());
        raw("}\n");
    }

    private void field(String name, long value) throws IOException {
        raw(name);
        out.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    private void time(String name, Instant value) throws IOException {
        text(name, value == null ? null : value.toString());
    }

    private void text(String name, String value) throws IOException {
        raw(name);
        if (value == null) {
            out.write(NULL);
        } else {
            out.write('"');
            out.write(ESCAPE.quoteAsUTF8(value));
            out.write('"');
        }
    }

    /** The field names' bytes, encoded once. */
    private void raw(String ascii) throws IOException {
        out.write(NAMES.computeIfAbsent(ascii, name -> name.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
