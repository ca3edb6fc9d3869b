package org.smpledger.cli.export;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.smpledger.cli.sql.AnalyticsDatabase;

/** Parquet through DuckDB: an NDJSON export read with the {@code events} table's column types, written as Parquet. */
final class ParquetFiles {

    private ParquetFiles() {}

    static void fromNdjson(Path ndjson, Path parquet) throws SQLException {
        try (AnalyticsDatabase database = AnalyticsDatabase.open(null);
                Statement sql = database.connection().createStatement()) {
            sql.execute("COPY (" + AnalyticsDatabase.readNdjson(ndjson) + ") TO "
                    + AnalyticsDatabase.literal(parquet.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
        }
    }
}
