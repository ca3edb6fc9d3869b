package org.smpledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.serialization.ServiceJson;

class ExportTest {

    private static SeededClinics clinics;
    private static final ObjectMapper JSON = ServiceJson.mapper();

    @TempDir
    Path folder;

    @BeforeAll
    static void seed() {
        clinics = new SeededClinics().seeded();
    }

    @AfterAll
    static void drop() {
        clinics.close();
    }

    private static long storedEvents() {
        return clinics.eventIds.size();
    }

    @Test
    void ndjsonParsesLineByLineInPositionOrderWithEveryEvent() throws Exception {
        Smp export = Smp.on(clinics, "export");

        assertThat(export.code()).as(export.toString()).isZero();
        String[] lines = export.out().split("\n");
        assertThat(lines).hasSize((int) storedEvents());
        long previous = 0;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("position").asLong()).isEqualTo(previous + 1);
            previous = event.get("position").asLong();
            assertThat(event.get("event_id").asText()).isIn(clinics.eventIds.values());
            assertThat(event.get("payload").isObject()).isTrue();
        }
        JsonNode session = JSON.readTree(lines[6]);
        assertThat(session.get("event_type").asText()).isEqualTo("SessionCompleted");
        assertThat(session.get("stream_id").asText()).isEqualTo("client-a");
        assertThat(session.get("clinic_id").asText()).isEqualTo(SeededClinics.NORTH);
        assertThat(session.get("occurred_at").asText()).isEqualTo("2026-02-02T10:00:00Z");
        assertThat(session.get("recorded_at").asText()).isEqualTo("2026-02-02T13:00:00Z");
        assertThat(session.at("/payload/zoneWork/0/densityAddedFraction").asDouble())
                .isEqualTo(0.4);
        assertThat(export.err()).startsWith("exported " + storedEvents() + " events (ndjson) to stdout");
    }

    @Test
    void csvOpensWithAStandardParserWithTheSameRows() throws Exception {
        Smp ndjson = Smp.on(clinics, "export");
        Smp csv = Smp.on(clinics, "export", "--format", "csv");

        assertThat(csv.code()).as(csv.toString()).isZero();
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.out()))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(org.smpledger.cli.log.LoggedEvent.COLUMNS);
            rows = parser.getRecords();
        }
        String[] lines = ndjson.out().split("\n");
        assertThat(rows).hasSize(lines.length);
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            CSVRecord row = rows.get(i);
            assertThat(row.get("position")).isEqualTo(line.get("position").asText());
            assertThat(row.get("event_type")).isEqualTo(line.get("event_type").asText());
            assertThat(row.get("recorded_at")).isEqualTo(line.get("recorded_at").asText());
            assertThat(JSON.readTree(row.get("payload"))).isEqualTo(line.get("payload"));
        }
    }

    @Test
    void parquetReadsBackInDuckDbWithTheSameRows() throws Exception {
        Path parquet = folder.resolve("events.parquet");
        Smp export = Smp.on(clinics, "export", "--format", "parquet", "--output", parquet.toString());
        Smp ndjson = Smp.on(clinics, "export");

        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.stdout()).isEmpty();
        String[] lines = ndjson.out().split("\n");
        List<String> read = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rows = sql.executeQuery("SELECT position, event_id, event_type, stream_id, sequence,"
                        + " strftime(recorded_at, '%Y-%m-%dT%H:%M:%SZ'), clinic_id, payload::VARCHAR FROM read_parquet('"
                        + parquet + "') ORDER BY position")) {
            while (rows.next()) {
                JsonNode line = JSON.readTree(lines[read.size()]);
                assertThat(rows.getLong(1)).isEqualTo(line.get("position").asLong());
                assertThat(rows.getString(2)).isEqualTo(line.get("event_id").asText());
                assertThat(rows.getString(3)).isEqualTo(line.get("event_type").asText());
                assertThat(rows.getString(4)).isEqualTo(line.get("stream_id").asText());
                assertThat(rows.getLong(5)).isEqualTo(line.get("sequence").asLong());
                assertThat(rows.getString(6)).isEqualTo(line.get("recorded_at").asText());
                assertThat(rows.getString(7)).isEqualTo(line.get("clinic_id").asText());
                assertThat(JSON.readTree(rows.getString(8))).isEqualTo(line.get("payload"));
                read.add(rows.getString(8));
            }
        }
        assertThat(read).hasSize(lines.length);
        assertThat(folder.toFile().list()).containsExactly("events.parquet");
    }

    @Test
    void filtersSelectByTypeClinicClientAndTimeRange() throws Exception {
        assertThat(lines(Smp.on(clinics, "export", "--type", "SessionCompleted", "--clinic", SeededClinics.SOUTH)))
                .hasSize(7)
                .allSatisfy(e -> assertThat(e.get("event_type").asText()).isEqualTo("SessionCompleted"))
                .allSatisfy(e -> assertThat(e.get("clinic_id").asText()).isEqualTo(SeededClinics.SOUTH));
        assertThat(lines(Smp.on(clinics, "export", "--client", "client-b,client-f")))
                .extracting(e -> e.get("stream_id").asText())
                .containsOnly("client-b", "client-f")
                .hasSize(8);
        // client-e's correction of e1 was recorded 2026-07-11; its session happened 2026-07-10
        assertThat(lines(Smp.on(
                        clinics, "export", "--client", "client-e", "--from", "2026-07-10", "--to", "2026-07-12")))
                .extracting(e -> e.get("event_type").asText())
                .containsExactly("SessionCompleted", "RecordCorrected");
        assertThat(lines(Smp.on(
                        clinics,
                        "export",
                        "--client",
                        "client-e",
                        "--time",
                        "occurred",
                        "--from",
                        "2026-07-10",
                        "--to",
                        "2026-07-12")))
                .extracting(e -> e.get("event_type").asText())
                .containsExactly("SessionCompleted");
        // the patch test was applied on 2026-01-20 and read (and recorded) 48 hours later
        assertThat(lines(Smp.on(
                        clinics,
                        "export",
                        "--type",
                        "PatchTestRecorded",
                        "--time",
                        "occurred",
                        "--to",
                        "2026-01-22T10:00:00Z")))
                .isEmpty();
    }

    @Test
    void noFormatShowsASeededNameBirthDateEmailOrPhone() throws Exception {
        Path parquet = folder.resolve("all.parquet");
        Smp.on(clinics, "export", "--format", "parquet", "--output", parquet.toString());
        String parquetText;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT string_agg(CAST(COLUMNS(*) AS VARCHAR), '|') FROM read_parquet('" + parquet + "')")) {
            StringBuilder all = new StringBuilder();
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    all.append(rows.getString(i)).append('|');
                }
            }
            parquetText = all.toString();
        }
        List<String> outputs = List.of(
                Smp.on(clinics, "export").out(),
                Smp.on(clinics, "export", "--format", "csv").out(),
                parquetText);
        assertThat(parquetText).contains("ClientRegistered").contains("client-e");
        for (String output : outputs) {
            for (String personal : SeededClinics.PERSONAL) {
                assertThat(output).doesNotContain(personal);
            }
            assertThat(output).doesNotContain("personalDetails").doesNotContain("married");
        }
        JsonNode registration = lines(Smp.on(clinics, "export", "--type", "ClientRegistered", "--client", "client-a"))
                .get(0)
                .get("payload");
        assertThat(registration.fieldNames()).toIterable().containsExactly("clientId", "clinicId", "registeredAt");
    }

    @Test
    void aFileAppearsOnlyWhenComplete() throws Exception {
        Path file = folder.resolve("events.ndjson");
        Smp export = Smp.on(clinics, "export", "-o", file.toString(), "--type", "ConsentSigned");

        assertThat(export.code()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(folder.toFile().list()).containsExactly("events.ndjson");
    }

    private static List<JsonNode> lines(Smp export) throws Exception {
        assertThat(export.code()).as(export.toString()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : export.out().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}
