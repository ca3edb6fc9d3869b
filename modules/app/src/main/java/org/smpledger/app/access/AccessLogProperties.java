package org.smpledger.app.access;

import java.time.Duration;
import org.smpledger.accesslog.MongoAccessLog;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smp.access-log.*}: how access records are written (docs/security.md, "Access log").
 *
 * @param collection       the records collection ({@code <collection>_index} and {@code _counters} beside it)
 * @param queueCapacity    records waiting to be written at most (what a kill -9 can lose at worst)
 * @param batchSize        records per write
 * @param maxDelay         how long a record may wait for others to share its write
 * @param offerTimeout     how long a request waits for room in a full queue before its record is lost
 * @param shutdownTimeout  how long a clean shutdown keeps writing what is queued
 * @param maxErrorDuration health component accessLog turns DOWN when writes keep failing longer
 */
@ConfigurationProperties(prefix = "smp.access-log")
public record AccessLogProperties(
        @DefaultValue("access_log") String collection,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration maxDelay,
        @DefaultValue("1s") Duration offerTimeout,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("1m") Duration maxErrorDuration) {

    MongoAccessLog.Settings settings() {
        return new MongoAccessLog.Settings(
                collection, queueCapacity, batchSize, maxDelay, offerTimeout, shutdownTimeout);
    }
}
