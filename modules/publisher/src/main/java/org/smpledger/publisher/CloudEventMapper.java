package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.EventType;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * Turns a stored event into the Kafka record downstream reads: key = stream id, value = a
 * CloudEvents 1.0 event (attributes in docs/events.md, "Kafka topics"). Everything that goes into
 * the record comes from the stored event, so a republished event is byte-for-byte the same record.
 */
public final class CloudEventMapper {

    public static final String TYPE_PREFIX = "org.smpledger.";
    public static final String STREAM_SEQUENCE = "streamsequence";
    public static final String GLOBAL_POSITION = "globalposition";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String UNKNOWN_CLINIC_SOURCE = "/smp-ledger";
    private static final URI UNKNOWN_CLINIC = URI.create(UNKNOWN_CLINIC_SOURCE);

    private final TopicNames topics;
    private final PublicPayloads payloads;

    public CloudEventMapper(TopicNames topics, PublicPayloads payloads) {
        this.topics = topics;
        this.payloads = payloads;
    }

    /** {@code org.smpledger.<name>.v<revision>}, e.g. {@code org.smpledger.SessionCompleted.v1}. */
    public static String cloudEventType(Class<? extends SmpEvent> eventClass) {
        return cloudEventType(SmpEvent.typeOf(eventClass));
    }

    private static String cloudEventType(EventType type) {
        return TYPE_PREFIX + type.name() + ".v" + type.revision();
    }

    /** The record on the stream's public topic. */
    public ProducerRecord<String, CloudEvent> toRecord(EventMessage<?> message) {
        SmpEvent event = (SmpEvent) message.getPayload();
        return toRecord(
                message, PublicPayloads.Audience.PUBLIC, topics.topicFor(SmpEvent.typeOf(event.getClass()).stream()));
    }

    /** The record on the public topic and, for a treatment-record event with the clinical topic on, the clinical one. */
    public List<ProducerRecord<String, CloudEvent>> toRecords(EventMessage<?> message) {
        ProducerRecord<String, CloudEvent> published = toRecord(message);
        SmpEvent event = (SmpEvent) message.getPayload();
        if (topics.clinicalRecords() == null || !(event instanceof TreatmentRecordEvent)) {
            return List.of(published);
        }
        return List.of(published, toRecord(message, PublicPayloads.Audience.CLINICAL, topics.clinicalRecords()));
    }

    private ProducerRecord<String, CloudEvent> toRecord(
            EventMessage<?> message, PublicPayloads.Audience audience, String topic) {
        SmpEvent event = (SmpEvent) message.getPayload();
        EventType type = SmpEvent.typeOf(event.getClass());
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(source(message))
                .withType(cloudEventType(type))
                .withSubject(event.streamId())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(payloads.toJson(event, audience));
        if (message instanceof DomainEventMessage<?> domainEvent) {
            builder.withExtension(STREAM_SEQUENCE, Long.toString(domainEvent.getSequenceNumber()));
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            tracked.trackingToken()
                    .position()
                    .ifPresent(position -> builder.withExtension(GLOBAL_POSITION, Long.toString(position)));
        }
        metadata(message, EventMetadata.CORRELATION_ID).ifPresent(id -> builder.withExtension(CORRELATION_ID, id));
        metadata(message, EventMetadata.CAUSATION_ID).ifPresent(id -> builder.withExtension(CAUSATION_ID, id));
        return new ProducerRecord<>(topic, event.streamId(), builder.build());
    }

    private static URI source(EventMessage<?> message) {
        return metadata(message, EventMetadata.CLINIC_ID)
                .map(clinicId -> {
                    try {
                        return new URI(null, null, "/clinics/" + clinicId, null);
                    } catch (URISyntaxException e) {
                        throw new IllegalArgumentException("clinic id cannot be part of a URI: " + clinicId, e);
                    }
                })
                .orElse(UNKNOWN_CLINIC);
    }

    private static java.util.Optional<String> metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null || value.toString().isBlank()
                ? java.util.Optional.empty()
                : java.util.Optional.of(value.toString());
    }
}
