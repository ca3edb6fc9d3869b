package org.smpledger.projections;

import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.smpledger.density.DensityMeasures;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.processing.EventProcessors;
import org.smpledger.projections.audit.AuditTrail;
import org.smpledger.projections.lots.LotRecallQuery;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.overview.ClinicOverviewQuery;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.TimelineProjection;
import org.smpledger.projections.timeline.TimelineQuery;
import org.smpledger.serialization.ServiceJson;

/** Every projection running against a fresh database of the shared test MongoDB, fed by {@link RecordedEvents}. */
public final class ProjectionsHarness implements AutoCloseable {

    public final RecordedEvents events = new RecordedEvents("clinic-north");
    public final Clinic clinic = new Clinic(events);
    public final MongoClient client;
    public final MongoDatabase database;
    public final EventProcessors eventProcessors;
    public final ProjectionProcessors processors;
    public final TimelineQuery timeline;
    public final RiskQuery risk;
    public final LotRecallQuery lots;
    public final ClinicOverviewQuery overview;
    public final AuditTrail audit;

    /** The day the tests ask about when they ask about "now": after every recorded course. */
    public static final java.time.Instant NOW = java.time.Instant.parse("2030-01-01T00:00:00Z");

    public ProjectionsHarness() {
        this(ProcessorSettings.DEFAULT);
    }

    public ProjectionsHarness(ProcessorSettings settings) {
        this(settings, database -> {});
    }

    /** With the database prepared by {@code before} (e.g. read models left by an older version) before the start. */
    public ProjectionsHarness(ProcessorSettings settings, Consumer<MongoDatabase> before) {
        this(settings, before, null);
    }

    /** With every command the projections and queries send to MongoDB told to {@code listener} (null: none). */
    public ProjectionsHarness(ProcessorSettings settings, Consumer<MongoDatabase> before, CommandListener listener) {
        MongoClientSettings.Builder client =
                MongoClientSettings.builder().applyConnectionString(new ConnectionString(TestMongo.connectionString()));
        if (listener != null) {
            client.addCommandListener(listener);
        }
        this.client = MongoClients.create(client.build());
        database = this.client.getDatabase(TestMongo.freshDatabaseName("projections"));
        before.accept(database);
        eventProcessors = EventProcessors.running(events.store(), new InMemoryTokenStore());
        DensityMeasures measures = DensityMeasures.DEFAULT;
        processors = new ProjectionProcessors(
                List.of(
                        new TimelineProjection(measures.naturalDensity()),
                        new RiskProjection(measures),
                        new LotUsageProjection(),
                        new ClinicOverviewProjection(measures)),
                database,
                eventProcessors,
                settings,
                Clock.systemUTC());
        processors.start();
        timeline = new TimelineQuery(processors.generations());
        risk = new RiskQuery(processors.generations(), measures, DeploymentRules.DEFAULT);
        lots = new LotRecallQuery(processors.generations());
        overview = new ClinicOverviewQuery(processors.generations(), DeploymentRules.DEFAULT);
        audit = new AuditTrail(events.store(), ServiceJson.mapper());
    }

    /** Waits until every projection has handled every stored event. */
    public void caughtUp() {
        caughtUp(Duration.ofSeconds(30));
    }

    public void caughtUp(Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> processors.names().stream()
                        .allMatch(name -> processors.status(name).lag() == 0
                                && processors.status(name).position() != null));
    }

    @Override
    public void close() {
        processors.close();
        eventProcessors.close();
        events.close();
        database.drop();
        client.close();
    }
}
