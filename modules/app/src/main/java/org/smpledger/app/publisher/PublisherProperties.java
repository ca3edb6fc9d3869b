package org.smpledger.app.publisher;

import java.time.Duration;
import java.util.Map;
import org.smpledger.publisher.PublisherSettings;
import org.smpledger.publisher.StartPoint;
import org.smpledger.publisher.TopicNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code smp.publisher.*}: the Kafka publication (see docs/events.md, "Kafka topics"). */
@ConfigurationProperties(prefix = "smp.publisher")
public record PublisherProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue(PublisherSettings.DEFAULT_PROCESSOR_NAME)
        String processorName,

        @DefaultValue Topics topics,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("beginning") StartPoint startFrom,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30s") Duration ackTimeout,
        @DefaultValue("5m") Duration maxErrorDuration,
        Map<String, String> producer) {

    /**
     * @param clinicalRecords the clinical topic (free text and health facts of treatment records, never
     *     personal data), written only with {@code clinicalEnabled}
     */
    public record Topics(
            @DefaultValue("smp.treatment-records.v1") String treatmentRecords,
            @DefaultValue("smp.pigment-lots.v1") String pigmentLots,
            @DefaultValue("smp.clinic-policies.v1") String clinicPolicies,
            @DefaultValue(TopicNames.CLINICAL_DEFAULT) String clinicalRecords,
            @DefaultValue("false") boolean clinicalEnabled) {}

    PublisherSettings settings(String bootstrapServers) {
        return new PublisherSettings(
                bootstrapServers,
                processorName,
                new TopicNames(
                        topics.treatmentRecords(),
                        topics.pigmentLots(),
                        topics.clinicPolicies(),
                        topics.clinicalEnabled() ? topics.clinicalRecords() : null),
                partitions,
                replicationFactor,
                startFrom,
                batchSize,
                ackTimeout,
                maxErrorDuration,
                producer == null ? Map.of() : producer);
    }
}
