package org.smpledger.cli.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smpledger.cli.CliFailure;
import org.smpledger.cli.EventSelection;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.SmpCommand;
import org.smpledger.cli.Store;
import org.smpledger.cli.StoreOptions;
import org.smpledger.cli.log.EventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Loads the selected events into an embedded DuckDB (docs/analytics.md: the {@code events} table and
 * one typed table per event type) and runs SQL on them: given on the command line, from a file, or
 * typed at a prompt.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "sql",
        description = "Load events into DuckDB (tables in docs/analytics.md) and query them with SQL;"
                + " without QUERY or --file, an interactive prompt.")
public final class SqlCommand implements Callable<Integer> {

    /** Reads the prompt's input; tests replace it. */
    static InputStream input = System.in;

    @ParentCommand
    SmpCommand smp;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "the SQL to run (statements separated by ;)")
    String query;

    @Option(names = "--file", paramLabel = "FILE", description = "run the SQL in FILE")
    Path file;

    @Option(
            names = {"-f", "--format"},
            defaultValue = "table",
            description = "table, csv or json (one object per line) (default: ${DEFAULT-VALUE})")
    ResultPrinter.Format format;

    @Option(
            names = "--keep",
            paramLabel = "FILE",
            description = "keep the DuckDB database in FILE (replaced) for later use with DuckDB's own tools")
    Path keep;

    @Option(names = "--timer", description = "print each statement's run time on stderr")
    boolean timer;

    @Mixin
    EventSelection selection;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws IOException, SQLException {
        if (query != null && file != null) {
            throw CliFailure.usage("give the query or --file, not both");
        }
        String script = file == null ? query : readScript(file);
        var filter = selection.predicate();
        if (keep != null) {
            Files.deleteIfExists(keep);
        }
        try (AnalyticsDatabase database = AnalyticsDatabase.open(keep)) {
            long started = System.nanoTime();
            try (Store opened = store.open()) {
                database.load(new EventLog(opened.commits()), filter);
            }
            smp.err()
                    .printf(
                            "loaded %d events into DuckDB in %.1f s (tables: events, %s, ...)%n",
                            database.events(),
                            (System.nanoTime() - started) / 1e9,
                            AnalyticsDatabase.tableName(
                                    AnalyticsDatabase.types().get(0)));
            PrintWriter out = new PrintWriter(smp.out(), false, StandardCharsets.UTF_8);
            if (script != null) {
                for (String statement : statements(script)) {
                    run(database, statement, out);
                }
                return ExitCodes.OK;
            }
            prompt(database, out);
        }
        return ExitCodes.OK;
    }

    private void run(AnalyticsDatabase database, String statement, PrintWriter out) throws IOException {
        long started = System.nanoTime();
        try (Statement sql = database.connection().createStatement()) {
            if (sql.execute(statement)) {
                try (ResultSet rows = sql.getResultSet()) {
                    new ResultPrinter().print(rows, format, out);
                }
            } else {
                out.println("OK");
            }
            out.flush();
            if (timer) {
                smp.err().printf("query took %.1f ms%n", (System.nanoTime() - started) / 1e6);
            }
        } catch (SQLException e) {
            out.flush();
            throw new CliFailure(ExitCodes.QUERY_FAILED, "query failed: " + CliFailure.oneLineOf(e.getMessage()), e);
        }
    }

    /** Statements end with ; at the end of a line; {@code .tables} lists the tables, {@code .quit} ends. */
    private void prompt(AnalyticsDatabase database, PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        smp.err().println("Type SQL ending with ; (.tables lists the tables, .quit or Ctrl-D ends).");
        StringBuilder pending = new StringBuilder();
        while (true) {
            smp.err().print(pending.length() == 0 ? "smp> " : "...> ");
            smp.err().flush();
            String line = in.readLine();
            if (line == null || pending.length() == 0 && line.strip().equals(".quit")) {
                return;
            }
            if (pending.length() == 0 && line.strip().equals(".tables")) {
                runAtPrompt(database, "SHOW TABLES", out);
                continue;
            }
            pending.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                runAtPrompt(database, pending.toString(), out);
                pending.setLength(0);
            }
        }
    }

    private void runAtPrompt(AnalyticsDatabase database, String statement, PrintWriter out) throws IOException {
        try {
            run(database, statement, out);
        } catch (CliFailure e) {
            smp.err().println(e.getMessage());
        }
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : script.split(";\\s*(\\n|$)")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    private static String readScript(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.STORE_UNAVAILABLE, "no such file: " + file, e);
        }
    }
}
