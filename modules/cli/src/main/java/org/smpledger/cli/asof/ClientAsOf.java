package org.smpledger.cli.asof;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.smpledger.cli.log.ContractType;
import org.smpledger.density.DensityMeasures;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.LiveGenerations;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.projections.timeline.TimelineProjection;
import org.smpledger.projections.timeline.TimelineQuery;

/**
 * A client's timeline and risk, computed from the client's own stream (one exact-key read of the
 * event store) by the projections' code: the events are folded by {@link TimelineProjection} and
 * {@link RiskProjection} into records held in memory, and read through {@link TimelineQuery} and
 * {@link RiskQuery} exactly as the REST API reads the stored ones, asOf cut included. Nothing is
 * written.
 */
public final class ClientAsOf {

    /** A generation no projection builds: every read of the fold misses and nothing is ever flushed. */
    private static final int SCRATCH_GENERATION = Integer.MAX_VALUE;

    private final List<ProjectionEvent> policies;
    private final List<ProjectionEvent> events;
    private final DensityMeasures measures;
    private final ClinicRules deploymentRules;
    private final MongoDatabase database;

    private ClientAsOf(
            List<ProjectionEvent> policies,
            List<ProjectionEvent> events,
            DensityMeasures measures,
            ClinicRules deploymentRules,
            MongoDatabase database) {
        this.policies = policies;
        this.events = events;
        this.measures = measures;
        this.deploymentRules = deploymentRules;
        this.database = database;
    }

    /**
     * The client's stored events and the policies its clinic adopted (judged by as the service judges;
     * {@code deploymentRules} for a clinic without one); empty when the store holds none.
     */
    public static Optional<ClientAsOf> read(
            MongoCommitStorageEngine engine,
            MongoDatabase database,
            String clientId,
            DensityMeasures measures,
            ClinicRules deploymentRules) {
        List<ProjectionEvent> events = stream(engine, clientId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        List<ProjectionEvent> policies = events.stream()
                .filter(e -> e.payload() instanceof ClientRegistered)
                .findFirst()
                .map(e -> stream(engine, ClinicPolicyEvent.streamIdOf(((ClientRegistered) e.payload()).clinicId())))
                .orElse(List.of());
        return Optional.of(new ClientAsOf(policies, events, measures, deploymentRules, database));
    }

    private static List<ProjectionEvent> stream(MongoCommitStorageEngine engine, String streamId) {
        List<ProjectionEvent> events = new ArrayList<>();
        DomainEventStream stream = engine.readEvents(streamId);
        while (stream.hasNext()) {
            ProjectionEvent event = ProjectionEvent.of(stream.next());
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** As the record stood at {@code at} (recorded time; null: now): what the REST API answers for {@code asOf}. */
    public View recorded(Instant at, int page, int size) {
        LiveGenerations fold = fold(events);
        String clientId = clientId();
        return new View(
                new TimelineQuery(fold).timeline(clientId, at, page, size).orElse(null),
                new RiskQuery(fold, measures, deploymentRules)
                        .risk(clientId, at, Instant.now())
                        .orElse(null));
    }

    /**
     * The record as it stands now for what had happened by {@code at}: the events whose occurred
     * time is at or before it, with every correction of them recorded since (corrections and detail
     * corrections go with the event they correct).
     */
    public View occurred(Instant at, int page, int size) {
        Set<String> kept = new HashSet<>();
        List<ProjectionEvent> happened = new ArrayList<>();
        for (ProjectionEvent event : events) {
            boolean keep;
            if (event.payload() instanceof RecordCorrected correction) {
                keep = kept.contains(correction.correctedEventId());
            } else if (event.payload() instanceof ClientDetailsCorrected) {
                keep = happened.stream().anyMatch(e -> e.payload() instanceof ClientRegistered);
            } else {
                Instant occurred = ContractType.of(event.payload())
                        .map(type -> type.occurredAt(event.payload()))
                        .orElse(null);
                keep = occurred != null && !occurred.isAfter(at);
            }
            if (keep) {
                happened.add(event);
                kept.add(event.eventId());
                kept.add(EventCatalog.describe(event.payload()).recordIdOf(event.payload()));
            }
        }
        if (happened.isEmpty()) {
            return new View(null, null);
        }
        LiveGenerations fold = fold(happened);
        return new View(
                new TimelineQuery(fold).timeline(clientId(), null, page, size).orElse(null),
                new RiskQuery(fold, measures, deploymentRules)
                        .risk(clientId(), null, at)
                        .orElse(null));
    }

    private String clientId() {
        return events.get(0).payload().streamId();
    }

    /** The read-model records of the events, in memory, behind the interface the queries read through. */
    private LiveGenerations fold(List<ProjectionEvent> folded) {
        TimelineProjection timeline = new TimelineProjection(measures.naturalDensity());
        RiskProjection risk = new RiskProjection(measures);
        ReadModelBatch timelines =
                new ReadModelBatch(database, new Generation(TimelineProjection.NAME, SCRATCH_GENERATION));
        ReadModelBatch risks = new ReadModelBatch(database, new Generation(RiskProjection.NAME, SCRATCH_GENERATION));
        for (ProjectionEvent policy : policies) {
            risk.apply(policy, risks);
        }
        for (ProjectionEvent event : folded) {
            timeline.apply(event, timelines);
            risk.apply(event, risks);
        }
        return new LiveGenerations() {
            @Override
            public Generation live(String projection) {
                return new Generation(projection, SCRATCH_GENERATION);
            }

            @Override
            public MongoDatabase database() {
                return database;
            }

            @Override
            public <T> T byId(String projection, ReadModel<T> model, String id) {
                return (projection.equals(TimelineProjection.NAME) ? timelines : risks).find(model, id);
            }
        };
    }

    /** The timeline and risk (null when the client had no record then). */
    public record View(ClientTimeline timeline, ClientRisk risk) {}
}
