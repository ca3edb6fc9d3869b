package org.smpledger.projections.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.smpledger.projections.ProjectionBenchmark;

/**
 * What the fence costs: batches of 100 whole-record replaces into a collection of N records, sent
 * by a processor's batch (fenced: {@code _id} and a position, run by key on the embedded server)
 * and by a batch of no processor (a plain replace by {@code _id}), alternately in the same run, on
 * the in-memory and the file-backed embedded server, and first on mongo-java-server as it comes
 * (which scans the collection for the fenced filter). A scan's time grows with N. Run (docs/performance.md, "Fenced records"):
 * <pre>
 * ./mvnw -q -pl modules/projections -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp modules/projections/target/test-classes:modules/projections/target/classes:$(cat modules/projections/target/bench.cp) \
 *      org.smpledger.projections.store.FencedWritesBenchmark [records=10000,100000] [rounds=7] [batches=50]
 * </pre>
 */
public final class FencedWritesBenchmark {

    /** A client's record of about the size of a short timeline. */
    public record Line(@BsonId String id, long lastSequence, String what) {}

    private static final ReadModel<Line> LINES = new ReadModel<>("lines", Line.class, Line::id);
    private static final String WHAT = "x".repeat(1500);

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 100_000);
        int rounds = 7;
        int batches = 50;
        for (String arg : args) {
            String[] option = arg.split("=", 2);
            switch (option[0]) {
                case "records" ->
                    sizes = List.of(option[1].split(",")).stream()
                            .map(Integer::parseInt)
                            .toList();
                case "rounds" -> rounds = Integer.parseInt(option[1]);
                case "batches" -> batches = Integer.parseInt(option[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        // mongo-java-server as it comes (a scan for any filter beyond the bare key), at the smallest size only
        MongoServer stock = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(stock.bindAndGetConnectionString())) {
            run("stock memory", sizes.get(0), rounds, batches, client.getDatabase("fenced_writes"));
        } finally {
            stock.shutdownNow();
        }
        for (String backend : List.of("memory", "file")) {
            for (int size : sizes) {
                Path dir = Files.createTempDirectory("fenced-writes");
                try (EmbeddedMongoServer server = backend.equals("memory")
                                ? EmbeddedMongoServer.inMemory()
                                : EmbeddedMongoServer.fileBacked(dir, "127.0.0.1", 0);
                        MongoClient client = MongoClients.create(server.connectionString())) {
                    run(backend, size, rounds, batches, client.getDatabase("fenced_writes"));
                }
            }
        }
    }

    private static void run(String backend, int size, int rounds, int batches, MongoDatabase database) {
        Generation generation = new Generation("lines", 1);
        long position = 1;
        for (int from = 0; from < size; from += 1000) {
            ReadModelBatch fill = new ReadModelBatch(database, generation, null, position++);
            for (int i = from; i < Math.min(size, from + 1000); i++) {
                fill.saveNew(LINES, new Line("client-" + i, 0, WHAT));
            }
            fill.flush();
        }
        Random random = new Random(size);
        List<Double> fenced = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            double fencedMs = 0;
            double plainMs = 0;
            for (int b = 0; b < batches; b++) {
                // alternate which goes first, on fresh random records each time
                boolean fencedFirst = (round + b) % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean isFenced = fencedFirst == (turn == 0);
                    ReadModelBatch batch = isFenced
                            ? new ReadModelBatch(database, generation, null, position++)
                            : new ReadModelBatch(database, generation);
                    for (int i = 0; i < 100; i++) {
                        batch.save(LINES, new Line("client-" + random.nextInt(size), round + 1, WHAT));
                    }
                    long started = System.nanoTime();
                    batch.flush();
                    double ms = (System.nanoTime() - started) / 1e6;
                    if (isFenced) {
                        fencedMs += ms;
                    } else {
                        plainMs += ms;
                    }
                }
            }
            if (round == 0) {
                System.out.printf(
                        "%s %,d records, warm-up: fenced %.2f ms, plain %.2f ms per 100 replaces%n",
                        backend, size, fencedMs / batches, plainMs / batches);
                continue;
            }
            fenced.add(fencedMs / batches);
            plain.add(plainMs / batches);
            ratios.add(fencedMs / plainMs);
            System.out.printf(
                    "%s %,d records, round %d: fenced %.2f ms, plain %.2f ms per 100 replaces, fenced/plain %.2f%n",
                    backend, size, round, fencedMs / batches, plainMs / batches, fencedMs / plainMs);
        }
        System.out.printf(
                "%s %,d records: median fenced %.2f ms (%.2f-%.2f), plain %.2f ms (%.2f-%.2f), fenced/plain %.2f (%.2f-%.2f)%n",
                backend,
                size,
                ProjectionBenchmark.median(fenced),
                Collections.min(fenced),
                Collections.max(fenced),
                ProjectionBenchmark.median(plain),
                Collections.min(plain),
                Collections.max(plain),
                ProjectionBenchmark.median(ratios),
                Collections.min(ratios),
                Collections.max(ratios));
    }
}
