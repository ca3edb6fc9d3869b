package org.smpledger.domain.recording;

import org.axonframework.messaging.MetaData;
import org.smpledger.events.EventMetadata;

/** The command metadata the aggregates read: who sends on behalf of which clinic, and the idempotency key. */
public final class RequestMetaData {

    private RequestMetaData() {}

    public static String clinicId(MetaData metaData) {
        return text(metaData, EventMetadata.CLINIC_ID);
    }

    public static String actorId(MetaData metaData) {
        return text(metaData, EventMetadata.ACTOR_ID);
    }

    public static String idempotencyKey(MetaData metaData) {
        return text(metaData, EventMetadata.IDEMPOTENCY_KEY);
    }

    public static String requestFingerprint(MetaData metaData) {
        return text(metaData, EventMetadata.REQUEST_FINGERPRINT);
    }

    /** The metadata an applied event keeps so a later retry of the same request is recognised. */
    public static MetaData idempotencyOf(MetaData command) {
        String key = idempotencyKey(command);
        if (key == null) {
            return MetaData.emptyInstance();
        }
        String fingerprint = requestFingerprint(command);
        return MetaData.with(EventMetadata.IDEMPOTENCY_KEY, key)
                .and(EventMetadata.REQUEST_FINGERPRINT, fingerprint == null ? "" : fingerprint);
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData == null ? null : metaData.get(key);
        return value == null ? null : value.toString();
    }
}
