package org.smpledger.app.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.density.DensityMeasures;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.processing.EventProcessors;
import org.smpledger.projections.audit.AuditTrail;
import org.smpledger.projections.lots.LotRecallQuery;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.overview.ClinicOverviewProjection;
import org.smpledger.projections.overview.ClinicOverviewQuery;
import org.smpledger.projections.replay.ProcessorSettings;
import org.smpledger.projections.replay.ProjectionLagMetrics;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.risk.RiskProjection;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.TimelineProjection;
import org.smpledger.projections.timeline.TimelineQuery;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the read models: one tracking processor per projection (timeline, risk, lot-usage,
 * overview), registered with the service's {@link EventProcessors}, the queries the REST API reads
 * through, the lag gauges. The deployment's rules and density measures come from the domain's
 * {@link ClinicPolicy} ({@code smp.policy.*}); each clinic's own policies reach the read models as
 * events, so the risk flags and the guard that refuses sessions judge by the same policy and never
 * disagree. An auto-configuration ordered
 * after Axon's, so it applies exactly when Axon has made an
 * event store (the app's storage engine; a test's in-memory one); without one, the query
 * endpoints answer 503.
 */
@AutoConfiguration(
        afterName = {
            "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
            "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"
        })
@ConditionalOnBean(EventStore.class)
@EnableConfigurationProperties(ProjectionsProperties.class)
public class ProjectionsConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ProjectionProcessors projectionProcessors(
            EventProcessors processors,
            MongoDatabase database,
            ProjectionsProperties properties,
            ClinicPolicy policy,
            Clock clock) {
        DensityMeasures measures = policy.measures();
        return new ProjectionProcessors(
                List.of(
                        new TimelineProjection(measures.naturalDensity()),
                        new RiskProjection(measures),
                        new LotUsageProjection(),
                        new ClinicOverviewProjection(measures)),
                database,
                processors,
                new ProcessorSettings(
                        properties.batchSize(),
                        properties.replayCheckInterval(),
                        properties.replayProgressLogInterval(),
                        properties.segments(),
                        properties.retireAfter()),
                clock);
    }

    @Bean
    TimelineQuery timelineQuery(ProjectionProcessors processors) {
        return new TimelineQuery(processors.generations());
    }

    @Bean
    RiskQuery riskQuery(ProjectionProcessors processors, ClinicPolicy policy) {
        return new RiskQuery(processors.generations(), policy.measures(), policy.rules());
    }

    @Bean
    LotRecallQuery lotRecallQuery(ProjectionProcessors processors) {
        return new LotRecallQuery(processors.generations());
    }

    @Bean
    ClinicOverviewQuery clinicOverviewQuery(ProjectionProcessors processors, ClinicPolicy policy) {
        return new ClinicOverviewQuery(processors.generations(), policy.rules());
    }

    @Bean
    AuditTrail auditTrail(EventStore eventStore, ObjectMapper objectMapper) {
        return new AuditTrail(eventStore, objectMapper);
    }

    @Bean
    ProjectionLagMetrics projectionLagMetrics(ProjectionProcessors processors) {
        return new ProjectionLagMetrics(processors);
    }
}
