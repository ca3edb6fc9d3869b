package org.smpledger.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import org.bson.BsonArray;
import org.bson.RawBsonDocument;

/**
 * One measured run in its own JVM, for {@link ExportBenchmark}: {@code raw URI DATABASE} scans the
 * commit documents with the driver; {@code smp ARGS...} runs a command with stdout discarded. Prints
 * one line: {@code events seconds peakHeapBytes} (peak heap: the sum of each heap pool's peak, an
 * upper bound of the heap in use at any moment).
 */
public final class MeasuredRun {

    public static void main(String[] args) {
        long started = System.nanoTime();
        long events;
        if (args[0].equals("raw")) {
            events = rawScan(args[1], args[2]);
        } else {
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            int code = SmpCommand.run(Arrays.copyOfRange(args, 1, args.length), discard, System.err);
            if (code != 0) {
                System.exit(code);
            }
            events = -1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(events + " " + seconds + " " + peakHeap());
    }

    /** Every commit document, in the order the server returns them, pages of 1000; the events counted. */
    static long rawScan(String uri, String database) {
        long events = 0;
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<RawBsonDocument> commits =
                    client.getDatabase(database).getCollection("event_commits", RawBsonDocument.class);
            for (RawBsonDocument commit : commits.find().batchSize(1000)) {
                BsonArray list = commit.getArray("events");
                events += list.size();
            }
        }
        return events;
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
