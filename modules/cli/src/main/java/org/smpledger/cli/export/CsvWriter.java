package org.smpledger.cli.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.smpledger.cli.log.LoggedEvent;

/** RFC 4180 CSV with a header row; times as ISO-8601 text, the payload as JSON text, absent values empty. */
public final class CsvWriter implements EventWriter {

    private final CSVPrinter csv;

    public CsvWriter(OutputStream out) throws IOException {
        this.csv = CSVFormat.RFC4180
                .builder()
                .setHeader(LoggedEvent.COLUMNS.toArray(String[]::new))
                .get()
                .print(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    @Override
    public void write(LoggedEvent e) throws IOException {
        csv.printRecord(
                e.position(),
                e.eventId(),
                e.eventType(),
                e.revision(),
                e.streamType(),
                e.streamId(),
                e.sequence(),
                e.storedAt(),
                e.recordedAt(),
                e.occurredAt(),
                e.clinicId(),
                e.actorId(),
                e.actorRole(),
                e.correlationId(),
                e.causationId(),
                e.payload() == null ? null : new String(e.payload(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        csv.close(true);
    }
}
