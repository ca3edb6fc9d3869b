package org.smpledger.cli.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBStruct;
import org.smpledger.serialization.ServiceJson;

/** Prints a query's result as an aligned table, CSV (with a header) or JSON (one object per line). */
public final class ResultPrinter {

    public enum Format {
        table,
        csv,
        json
    }

    private static final int MAX_CELL = 60;
    private final ObjectMapper json = ServiceJson.mapper();

    public long print(ResultSet rows, Format format, PrintWriter out) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
        }
        return switch (format) {
            case table -> table(rows, names, out);
            case csv -> csv(rows, names, out);
            case json -> json(rows, names, out);
        };
    }

    private long csv(ResultSet rows, List<String> names, PrintWriter out) throws SQLException, IOException {
        long count = 0;
        CSVPrinter csv = CSVFormat.RFC4180
                .builder()
                .setHeader(names.toArray(String[]::new))
                .get()
                .print(out);
        while (rows.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= names.size(); i++) {
                values.add(text(rows.getObject(i)));
            }
            csv.printRecord(values);
            count++;
        }
        csv.flush();
        return count;
    }

    private long json(ResultSet rows, List<String> names, PrintWriter out) throws SQLException, IOException {
        long count = 0;
        JsonGenerator generator = json.getFactory().createGenerator(out);
        generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= names.size(); i++) {
                row.put(names.get(i - 1), plain(rows.getObject(i)));
            }
            json.writeValue(generator, row);
            count++;
        }
        if (count > 0) {
            generator.writeRaw('\n');
        }
        generator.flush();
        return count;
    }

    private long table(ResultSet rows, List<String> names, PrintWriter out) throws SQLException {
        List<String[]> lines = new ArrayList<>();
        int[] widths = names.stream().mapToInt(String::length).toArray();
        while (rows.next()) {
            String[] line = new String[names.size()];
            for (int i = 0; i < line.length; i++) {
                String value = text(rows.getObject(i + 1));
                value = value == null ? "NULL" : value.replaceAll("\\s+", " ");
                if (value.length() > MAX_CELL) {
                    value = value.substring(0, MAX_CELL - 3) + "...";
                }
                line[i] = value;
                widths[i] = Math.max(widths[i], value.length());
            }
            lines.add(line);
        }
        out.println(row(names.toArray(String[]::new), widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] line : lines) {
            out.println(row(line, widths));
        }
        out.println("(" + lines.size() + (lines.size() == 1 ? " row)" : " rows)"));
        out.flush();
        return lines.size();
    }

    private static String row(String[] values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", values[i]));
        }
        return line.toString().stripTrailing();
    }

    /** A value as text: times in ISO-8601 UTC, lists and structs as JSON. */
    private String text(Object value) throws SQLException {
        Object plain = plain(value);
        if (plain == null) {
            return null;
        }
        if (plain instanceof List<?> || plain instanceof Map<?, ?>) {
            try {
                return json.writeValueAsString(plain);
            } catch (IOException e) {
                return String.valueOf(plain);
            }
        }
        return plain.toString();
    }

    /** JDBC values as JSON-friendly Java values. */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                copy.add(plain(element));
            }
            return copy;
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof DuckDBStruct struct) {
            return plain(struct.getMap());
        }
        if (value instanceof Struct struct) {
            return plain(List.of(struct.getAttributes()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.util.UUID || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        return value;
    }
}
