package org.smpledger.cli.sql;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.smpledger.cli.EventSelection;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.SmpCommand;
import org.smpledger.cli.Store;
import org.smpledger.cli.StoreOptions;
import org.smpledger.cli.log.EventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Counts of what happened: events per type, clinic and month; sessions per course; overrides per limit. */
@Command(
        mixinStandardHelpOptions = true,
        name = "stats",
        description = "Count events per type, clinic and month (recorded time, UTC), sessions per course,"
                + " and session overrides per over-layering limit.")
public final class StatsCommand implements Callable<Integer> {

    /** The statistics, by heading: each one query over the tables of docs/analytics.md. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put(
                "Events per type, clinic and month",
                "SELECT event_type, clinic_id, strftime(recorded_at, '%Y-%m') AS month, count(*) AS events"
                        + " FROM events GROUP BY ALL ORDER BY event_type, clinic_id, month");
        QUERIES.put(
                "Sessions per course",
                "SELECT course, count(*) AS sessions, count(DISTINCT stream_id) AS clients,"
                        + " max(sessionNumber) AS highest_session_number"
                        + " FROM session_completed GROUP BY course ORDER BY course");
        QUERIES.put(
                "Overrides per limit",
                "SELECT \"limit\", count(*) AS overrides FROM (SELECT unnest(override.limitsExceeded) AS \"limit\""
                        + " FROM session_completed WHERE override IS NOT NULL) GROUP BY \"limit\" ORDER BY overrides DESC,"
                        + " \"limit\"");
    }

    @ParentCommand
    SmpCommand smp;

    @Option(
            names = {"-f", "--format"},
            defaultValue = "table",
            description = "table, csv or json (rows with a \"statistic\" field) (default: ${DEFAULT-VALUE})")
    ResultPrinter.Format format;

    @Mixin
    EventSelection selection;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws IOException, SQLException {
        var filter = selection.predicate();
        try (AnalyticsDatabase database = AnalyticsDatabase.open(null)) {
            try (Store opened = store.open()) {
                database.load(new EventLog(opened.commits()), filter);
            }
            PrintWriter out = new PrintWriter(smp.out(), false, StandardCharsets.UTF_8);
            boolean first = true;
            for (Map.Entry<String, String> stat : QUERIES.entrySet()) {
                if (format == ResultPrinter.Format.table) {
                    out.println((first ? "" : "\n") + "# " + stat.getKey());
                } else if (format == ResultPrinter.Format.csv && !first) {
                    out.println();
                }
                first = false;
                String query = format == ResultPrinter.Format.json
                        ? "SELECT " + AnalyticsDatabase.literal(stat.getKey()) + " AS statistic, * FROM ("
                                + stat.getValue() + ")"
                        : stat.getValue();
                try (Statement sql = database.connection().createStatement();
                        ResultSet rows = sql.executeQuery(query)) {
                    new ResultPrinter().print(rows, format, out);
                }
                out.flush();
            }
        }
        return ExitCodes.OK;
    }
}
