package org.smpledger.app.access;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.accesslog.AccessLogQueries;
import org.smpledger.accesslog.MongoAccessLog;
import org.smpledger.app.security.Endpoints;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access log: its writer (closed after the web server stops, so what the last requests queued
 * is written), its queries, the filter that records every request worth recording (ahead of the
 * security filters, so it sees their refusals), its health and metrics.
 */
@Configuration(proxyBeanMethods = false)
public class AccessLogConfiguration {

    @Bean(destroyMethod = "close")
    MongoAccessLog accessLog(
            MongoDatabase database,
            AccessLogProperties properties,
            ObjectProvider<EventStore> eventStore,
            Clock clock) {
        return MongoAccessLog.start(database, properties.settings(), new StreamOwners(eventStore), clock);
    }

    @Bean
    AccessLogQueries accessLogQueries(MongoDatabase database, AccessLogProperties properties) {
        return new AccessLogQueries(database, properties.collection());
    }

    @Bean
    FilterRegistrationBean<AccessRecording> accessRecording(
            MongoAccessLog accessLog, Endpoints endpoints, Clock clock) {
        FilterRegistrationBean<AccessRecording> registration =
                new FilterRegistrationBean<>(new AccessRecording(accessLog, endpoints, clock));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    HealthIndicator accessLogHealthIndicator(MongoAccessLog accessLog, AccessLogProperties properties, Clock clock) {
        return () -> {
            Instant failing = accessLog.failingSince().orElse(null);
            boolean down = failing != null
                    && Duration.between(failing, clock.instant()).compareTo(properties.maxErrorDuration()) > 0;
            Health.Builder health = down ? Health.down() : Health.up();
            if (failing != null) {
                health.withDetail("failingSince", failing.toString());
            }
            return health.withDetail("pending", accessLog.pending())
                    .withDetail("written", accessLog.written())
                    .withDetail("dropped", accessLog.dropped())
                    .build();
        };
    }

    @Bean
    MeterBinder accessLogMetrics(MongoAccessLog accessLog) {
        return registry -> {
            Gauge.builder("smp.access-log.pending", accessLog, MongoAccessLog::pending)
                    .description("access records waiting to be written")
                    .register(registry);
            FunctionCounter.builder("smp.access-log.written", accessLog, MongoAccessLog::written)
                    .description("access records written")
                    .register(registry);
            FunctionCounter.builder("smp.access-log.dropped", accessLog, MongoAccessLog::dropped)
                    .description("access records lost (queue full, or unwritten at shutdown)")
                    .register(registry);
        };
    }
}
