package org.smpledger.events;

/**
 * Keys of the metadata every stored event carries (Axon message metadata). Values are strings;
 * instants are ISO-8601. Part of the published contract: see docs/events.md.
 */
public final class EventMetadata {

    /** The clinic on whose behalf the command was issued: the authenticated user's clinic. */
    public static final String CLINIC_ID = "clinicId";
    /** The authenticated user who issued the command. */
    public static final String ACTOR_ID = "actorId";
    /** The role under which the command was admitted (practitioner, auditor, analyst, clinic-admin). */
    public static final String ACTOR_ROLE = "actorRole";
    /**
     * How the actor was authenticated: {@code local} (a user of the service itself, HTTP Basic),
     * the issuer of the bearer token, or {@code system} for what the service records itself (demo data).
     */
    public static final String AUTHENTICATED_BY = "authenticatedBy";
    /** Shared by every message caused by one request. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** When the service recorded the event (the payload carries when things happened). */
    public static final String RECORDED_AT = "recordedAt";
    /** The client's Idempotency-Key header, when the command came with one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /**
     * A digest of the request that carried {@link #IDEMPOTENCY_KEY} (method, path and body as
     * sent), so that the key reused for a different request is recognised.
     */
    public static final String REQUEST_FINGERPRINT = "requestFingerprint";

    private EventMetadata() {}
}
