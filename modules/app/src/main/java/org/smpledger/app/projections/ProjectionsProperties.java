package org.smpledger.app.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** {@code smp.projections.*}: how the projection processors run and the overview's course plan. */
@ConfigurationProperties("smp.projections")
public record ProjectionsProperties(@DefaultValue("500") int batchSize,
                                    @DefaultValue("100ms") Duration replayCheckInterval,
                                    @DefaultValue("5s") Duration replayProgressLogInterval,
                                    @DefaultValue Overview overview) {

    /** A course is planned with this many sessions; a touch-up is due this many years after a course's last session. */
    public record Overview(@DefaultValue("3") int plannedSessionsPerCourse, @DefaultValue("3") int touchUpAfterYears) {
    }
}
