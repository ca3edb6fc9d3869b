package org.smpledger.cli.sql;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.smpledger.cli.export.NdjsonWriter;
import org.smpledger.cli.log.ContractType;
import org.smpledger.cli.log.EventLog;
import org.smpledger.cli.log.LoggedEvent;
import org.smpledger.cli.log.Pseudonymous;

/**
 * An embedded DuckDB holding the selected events: the flat {@code events} table (common columns,
 * payload as JSON) and one typed table per event type ({@code session_completed}, ...), documented
 * in docs/analytics.md. Loading streams the events, pseudonymous, into a temporary NDJSON file that
 * DuckDB reads natively; the Java heap holds one event at a time.
 */
public final class AnalyticsDatabase implements AutoCloseable {

    /** The column types of {@code events} (and of a Parquet export). */
    static final String EVENT_COLUMNS = "{position: 'BIGINT', event_id: 'VARCHAR', event_type: 'VARCHAR',"
            + " revision: 'VARCHAR', stream_type: 'VARCHAR', stream_id: 'VARCHAR', sequence: 'BIGINT',"
            + " stored_at: 'TIMESTAMP', recorded_at: 'TIMESTAMP', occurred_at: 'TIMESTAMP', clinic_id: 'VARCHAR',"
            + " actor_id: 'VARCHAR', actor_role: 'VARCHAR', correlation_id: 'VARCHAR', causation_id: 'VARCHAR',"
            + " payload: 'JSON'}";

    private static final String COMMON =
            "position, event_id, stream_id, sequence, recorded_at, occurred_at, clinic_id," + " actor_id, actor_role";

    private final Connection connection;
    private long events;

    private AnalyticsDatabase(Connection connection) {
        this.connection = connection;
    }

    /** An empty in-memory database, or one kept in {@code file} when given. */
    public static AnalyticsDatabase open(Path file) throws SQLException {
        Connection connection =
                DriverManager.getConnection(file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET TimeZone = 'UTC'");
        }
        return new AnalyticsDatabase(connection);
    }

    public Connection connection() {
        return connection;
    }

    public long events() {
        return events;
    }

    /** Loads the selected events of the log into {@code events} and the typed tables. */
    public void load(EventLog log, Predicate<LoggedEvent> selection) throws IOException, SQLException {
        Path staging = Files.createTempFile("smp-events-", ".ndjson");
        try {
            long[] count = {0};
            Pseudonymous pseudonymous = new Pseudonymous();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging), 1 << 16);
                    NdjsonWriter writer = new NdjsonWriter(out)) {
                log.forEach(0, stored -> {
                    LoggedEvent event = pseudonymous.of(stored);
                    if (selection.test(event)) {
                        try {
                            writer.write(event);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        count[0]++;
                    }
                });
            }
            events = count[0];
            loadFrom(staging);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** Loads an NDJSON file written by {@link NdjsonWriter}. */
    void loadFrom(Path ndjson) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS events");
            sql.execute("CREATE TABLE events AS " + readNdjson(ndjson) + " ORDER BY position");
            for (ContractType type : types()) {
                String table = tableName(type);
                sql.execute("DROP TABLE IF EXISTS " + table);
                sql.execute("CREATE TABLE " + table + " AS SELECT " + COMMON + ", unnest(json_transform(payload, "
                        + literal(PayloadColumns.structure(type)) + ")) FROM events WHERE event_type = "
                        + literal(type.name()) + " ORDER BY position");
            }
        }
    }

    /** Every event type of the contract, by name. */
    public static List<ContractType> types() {
        List<ContractType> types = new ArrayList<>(ContractType.all());
        types.sort(Comparator.comparing(ContractType::name));
        return types;
    }

    /** {@code SessionCompleted} -> {@code session_completed}. */
    public static String tableName(ContractType type) {
        return type.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A query over an NDJSON export with the {@code events} table's columns. */
    public static String readNdjson(Path ndjson) {
        return "SELECT * FROM read_json(" + literal(ndjson.toString()) + ", format = 'newline_delimited', columns = "
                + EVENT_COLUMNS + ")";
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
