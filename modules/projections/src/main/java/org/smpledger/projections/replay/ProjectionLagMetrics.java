package org.smpledger.projections.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code smp.projection.lag{processor=<projection>}}: events in the store that the projection's
 * live processor has not handled yet (head position minus processor position). The tag is the
 * projection's name, stable across replays that change the processor behind it.
 */
public final class ProjectionLagMetrics implements MeterBinder {

    public static final String LAG = "smp.projection.lag";

    private final ProjectionProcessors processors;

    public ProjectionLagMetrics(ProjectionProcessors processors) {
        this.processors = processors;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processors.names()) {
            Gauge.builder(LAG, processors, p -> p.lag(name))
                    .tag("processor", name)
                    .description("Events stored but not yet handled by the projection's processor")
                    .baseUnit("events")
                    .register(registry);
        }
    }
}
