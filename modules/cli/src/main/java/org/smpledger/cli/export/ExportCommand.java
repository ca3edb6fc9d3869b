package org.smpledger.cli.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.smpledger.cli.CliFailure;
import org.smpledger.cli.EventSelection;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.Output;
import org.smpledger.cli.SmpCommand;
import org.smpledger.cli.Store;
import org.smpledger.cli.StoreOptions;
import org.smpledger.cli.log.EventLog;
import org.smpledger.cli.log.LoggedEvent;
import org.smpledger.cli.log.Pseudonymous;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Writes the selected events, in position order and without personal data, as NDJSON, CSV or
 * Parquet, streaming: one event in memory at a time (Parquet: through a temporary NDJSON file
 * that DuckDB converts).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "export",
        description = "Export events as NDJSON, CSV or Parquet (pseudonymous: no name, birth date, email or phone).")
public final class ExportCommand implements Callable<Integer> {

    /** The export formats. */
    public enum Format {
        ndjson,
        csv,
        parquet
    }

    @ParentCommand
    SmpCommand smp;

    @Option(
            names = {"-f", "--format"},
            defaultValue = "ndjson",
            description = "ndjson, csv or parquet (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            defaultValue = "-",
            description = "file to write, or - for stdout (default)")
    String output;

    @Mixin
    EventSelection selection;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws IOException, SQLException {
        Predicate<LoggedEvent> filter = selection.predicate();
        long started = System.nanoTime();
        long count;
        try (Store opened = store.open();
                Output out = Output.to(output, smp.out())) {
            EventLog log = new EventLog(opened.commits());
            count = switch (format) {
                case ndjson -> stream(log, filter, new NdjsonWriter(buffered(out.stream())));
                case csv -> stream(log, filter, new CsvWriter(out.stream()));
                case parquet -> parquet(log, filter, out.stream());
            };
            out.complete();
            smp.err()
                    .printf(
                            "exported %d events (%s) to %s in %.1f s%n",
                            count, format, out.describe(), (System.nanoTime() - started) / 1e9);
        }
        return ExitCodes.OK;
    }

    /** Writes every selected event; returns how many. */
    public static long stream(EventLog log, Predicate<LoggedEvent> filter, EventWriter writer) throws IOException {
        Pseudonymous pseudonymous = new Pseudonymous();
        long[] count = {0};
        try (writer) {
            log.forEach(0, stored -> {
                LoggedEvent event = pseudonymous.of(stored);
                if (filter.test(event)) {
                    try {
                        writer.write(event);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                }
            });
        } catch (UncheckedIOException e) {
            throw new CliFailure(
                    ExitCodes.OUTPUT_FAILED,
                    "cannot write the export: " + e.getCause().getMessage(),
                    e);
        }
        return count[0];
    }

    private static long parquet(EventLog log, Predicate<LoggedEvent> filter, OutputStream out)
            throws IOException, SQLException {
        Path staging = Files.createTempFile("smp-export-", ".ndjson");
        Path parquet = Files.createTempFile("smp-export-", ".parquet");
        try {
            long count;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(staging), 1 << 16)) {
                count = stream(log, filter, new NdjsonWriter(file));
            }
            ParquetFiles.fromNdjson(staging, parquet);
            Files.copy(parquet, out);
            return count;
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(parquet);
        }
    }

    private static OutputStream buffered(OutputStream out) {
        return new BufferedOutputStream(out, 1 << 16);
    }
}
