package org.smpledger.cli.replay;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.smpledger.cli.CliFailure;
import org.smpledger.cli.EventStores;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.LimitOptions;
import org.smpledger.cli.SmpCommand;
import org.smpledger.cli.Store;
import org.smpledger.cli.StoreOptions;
import org.smpledger.density.DensityMeasures;
import org.smpledger.projections.Projection;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.timeline.TimelineProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Rebuilds projections into a target database (by default the store's own): a new generation is
 * built from the first event while the live one keeps answering, then made live, as the service's
 * replay does (docs/projections.md). Progress is stored as the processor token the service uses,
 * so Ctrl-C leaves a rebuild that the same command resumes, and the service carries on from it.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "replay",
        description = "Rebuild projections (timeline, risk, lot-usage, overview, or --all) into a target database,"
                + " with progress on stderr; Ctrl-C stops after the current batch and a second run resumes."
                + " Do not run it on the database of a running service.")
public final class ReplayCommand implements Callable<Integer> {

    /** Set by Ctrl-C (and by tests): stop once the batch in hand is stored. */
    static final AtomicBoolean STOP = new AtomicBoolean();
    /** Called with the position after each stored batch (tests stop a replay midway with it). */
    static volatile LongConsumer afterBatch = position -> {};

    @ParentCommand
    SmpCommand smp;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "projections to rebuild")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "rebuild every projection")
    boolean all;

    @Option(names = "--target-uri", paramLabel = "URI", description = "MongoDB to build in (default: the store's)")
    String targetUri;

    @Option(
            names = "--target-database",
            paramLabel = "NAME",
            description = "database to build in (default: the store's database)")
    String targetDatabase;

    @Option(
            names = "--token-collection",
            paramLabel = "NAME",
            defaultValue = "tracking_tokens",
            description = "where processor tokens are kept (the service's smp.eventstore.token-collection;"
                    + " default: ${DEFAULT-VALUE})")
    String tokenCollection;

    @Option(names = "--batch-size", defaultValue = "500", description = "events per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--no-progress", description = "no progress bar (a line per projection when done)")
    boolean noProgress;

    @Mixin
    LimitOptions limits;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        // Levels are judged when read, so a replay uses only the measures; the rules are still checked.
        limits.deploymentRules();
        Map<String, Projection> known = projections(limits.measures());
        List<String> chosen = all ? List.copyOf(known.keySet()) : names;
        if (all == !names.isEmpty()) {
            throw CliFailure.usage(
                    "name the projections to rebuild, or give --all (" + String.join(", ", known.keySet()) + ")");
        }
        for (String name : chosen) {
            if (!known.containsKey(name)) {
                throw CliFailure.notFound(
                        "no projection named " + name + " (" + String.join(", ", known.keySet()) + ")");
            }
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw CliFailure.usage("--batch-size must be between 1 and 10000");
        }
        STOP.set(false);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    STOP.set(true);
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "smp-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Store source = store.open();
                Store target = targetStore(source)) {
            MongoDatabase database = target == null
                    ? targetDatabase == null
                            ? source.database()
                            : source.client().getDatabase(targetDatabase)
                    : target.database();
            ProjectionRebuild rebuild = new ProjectionRebuild(
                    EventStores.reading(source), database, tokenCollection, batchSize, smp.err(), !noProgress);
            for (String name : chosen) {
                ProjectionRebuild.Outcome outcome = rebuild.run(known.get(name), STOP, afterBatch);
                if (outcome.interrupted()) {
                    smp.err()
                            .println("replay of " + name + " stopped at position " + outcome.position() + " of "
                                    + outcome.head() + "; run the same command again to resume");
                    return ExitCodes.INTERRUPTED;
                }
                smp.err()
                        .println("replay of " + name + " complete: generation " + outcome.generation() + " is live ("
                                + outcome.describe() + ")");
            }
            return ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends once this replay has stored its last batch
            }
        }
    }

    private Store targetStore(Store source) {
        if (targetUri == null) {
            return null;
        }
        return StoreOptions.uri(
                        targetUri,
                        targetDatabase != null
                                ? targetDatabase
                                : source.database().getName(),
                        store.commitCollection())
                .open();
    }

    static Map<String, Projection> projections(DensityMeasures measures) {
        Map<String, Projection> projections = new LinkedHashMap<>();
        for (Projection projection : List.of(
                new TimelineProjection(measures.naturalDensity()),
                new RiskProjection(measures),
                new LotUsageProjection(),
                new ClinicOverviewProjection(measures))) {
            projections.put(projection.name(), projection);
        }
        return projections;
    }
}
