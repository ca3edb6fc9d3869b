package org.smpledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake is one line on stderr and its documented exit code; a stack trace only with --debug. */
class ErrorsTest {

    private static SeededClinics clinics;

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

    @Test
    void badArgumentsAreExitCodeTwo() {
        for (Smp bad : List.of(
                Smp.run(List.of()),
                Smp.run(List.of("frobnicate")),
                Smp.on(clinics, "export", "--format", "xml"),
                Smp.on(clinics, "export", "--from", "yesterday"),
                Smp.on(clinics, "export", "--from", "2026-05-01", "--to", "2026-04-01"),
                Smp.on(clinics, "export", "--type", "SessionStarted"),
                Smp.on(clinics, "export", "--time", "whenever", "--from", "2026-01-01"),
                Smp.on(clinics, "sql", "SELECT 1", "--file", "q.sql"),
                Smp.on(clinics, "as-of"),
                Smp.on(clinics, "as-of", "client-a", "--size", "501"),
                Smp.on(clinics, "as-of", "client-a", "--time", "occurred"),
                Smp.on(clinics, "replay"),
                Smp.on(clinics, "replay", "timeline", "--density-ceiling", "-1"))) {
            assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.BAD_USAGE);
            oneLine(bad);
        }
        assertThat(Smp.on(clinics, "export", "--type", "SessionStarted").err())
                .contains("unknown event type 'SessionStarted'; known: AdverseReactionReported, AftercareIssued");
    }

    @Test
    void anUnreachableDatabaseOrMissingDataFolderIsExitCodeThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Smp unreachable = Smp.run(List.of("export", "--mongodb-uri", "mongodb://127.0.0.1:" + port, "--timeout", "1"));
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(oneLine(unreachable)).startsWith("smp export: cannot reach MongoDB at 127.0.0.1:" + port + ": ");

        Smp noFolder =
                Smp.run(List.of("stats", "--data", folder.resolve("absent").toString()));
        assertThat(noFolder.code()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(oneLine(noFolder)).startsWith("smp stats: no event store in data folder ");

        Smp noFile =
                Smp.on(clinics, "sql", "--file", folder.resolve("absent.sql").toString());
        assertThat(noFile.code()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
    }

    @Test
    void unknownThingsQueryErrorsAndUnwritableOutputHaveTheirOwnCodes() {
        Smp client = Smp.on(clinics, "as-of", "client-nobody");
        assertThat(client.code()).isEqualTo(ExitCodes.NOT_FOUND);
        oneLine(client);

        Smp query = Smp.on(clinics, "sql", "SELEC count(*) FROM events");
        assertThat(query.code()).isEqualTo(ExitCodes.QUERY_FAILED);
        assertThat(oneLine(query)).startsWith("smp sql: query failed: Parser Error: syntax error at or near \"SELEC\"");

        Smp table = Smp.on(clinics, "sql", "SELECT * FROM sessions");
        assertThat(table.code()).isEqualTo(ExitCodes.QUERY_FAILED);
        assertThat(oneLine(table)).contains("Table with name sessions does not exist");

        Smp output = Smp.on(
                clinics,
                "export",
                "-o",
                folder.resolve("no/such/folder/x.ndjson").toString());
        assertThat(output.code()).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(oneLine(output)).startsWith("smp export: cannot write ").endsWith(": no such folder");
        assertThat(output.stdout()).isEmpty();
    }

    @Test
    void debugAddsTheStackTrace() {
        Smp plain = Smp.on(clinics, "sql", "SELEC 1");
        Smp debug = Smp.on(clinics, "sql", "SELEC 1", "--debug");

        assertThat(plain.err()).doesNotContain("\tat ");
        assertThat(debug.code()).isEqualTo(ExitCodes.QUERY_FAILED);
        assertThat(debug.err()).contains("smp sql: query failed: ").contains("\tat org.smpledger.cli.sql.SqlCommand");
    }

    /** The messages on stderr (besides progress and summaries) are one line, with no stack trace. */
    private static String oneLine(Smp run) {
        List<String> lines = new ArrayList<>();
        for (String line : run.err().split("\n")) {
            if (!line.isBlank() && !line.startsWith("loaded ")) {
                lines.add(line);
            }
        }
        assertThat(lines).as(run.toString()).hasSize(1);
        assertThat(lines.get(0))
                .as(run.toString())
                .startsWith("smp")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        return lines.get(0);
    }
}
