package org.smpledger.app.domain;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.smpledger.events.EventMetadata;

/**
 * Gives every event the metadata of the command that caused it (clinic, actor, role, how the actor was authenticated, correlation id,
 * idempotency key), its causation id (the command's message id) and when it was recorded.
 * Replaces Axon's default MessageOriginProvider (its correlationId/traceId keys), which nothing here reads.
 */
class RequestMetaDataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(
            EventMetadata.CLINIC_ID,
            EventMetadata.ACTOR_ID,
            EventMetadata.ACTOR_ROLE,
            EventMetadata.AUTHENTICATED_BY,
            EventMetadata.CORRELATION_ID,
            EventMetadata.IDEMPOTENCY_KEY,
            EventMetadata.REQUEST_FINGERPRINT);

    private final Clock clock;

    RequestMetaDataProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.putIfAbsent(EventMetadata.CORRELATION_ID, message.getIdentifier());
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        data.put(EventMetadata.RECORDED_AT, clock.instant().toString());
        return data;
    }
}
