package org.smpledger.domain.recording;

import java.util.Objects;
import org.axonframework.messaging.MetaData;
import org.smpledger.events.EventMetadata;

/** The command metadata the aggregates read: who sends on behalf of which clinic, and the idempotency key. */
public final class RequestMetaData {

    /**
     * Command metadata only, never copied to an event: the request's fingerprint as versions before keyed
     * fingerprints wrote it (SHA-256), so a retry of a request such a version recorded is still recognised.
     */
    public static final String UNKEYED_REQUEST_FINGERPRINT = "unkeyedRequestFingerprint";

    /** How keyed fingerprints begin; a stored fingerprint without it was written before they were keyed. */
    public static final String KEYED_PREFIX = "hmac-sha256:";

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

    /** Whether a command is the request an earlier event recorded under the same Idempotency-Key. */
    public static boolean sameRequest(String storedFingerprint, MetaData command) {
        if (storedFingerprint != null && !storedFingerprint.isEmpty() && !storedFingerprint.startsWith(KEYED_PREFIX)) {
            String unkeyed = text(command, UNKEYED_REQUEST_FINGERPRINT);
            if (unkeyed != null) {
                return storedFingerprint.equals(unkeyed);
            }
        }
        return Objects.equals(storedFingerprint, requestFingerprint(command));
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
