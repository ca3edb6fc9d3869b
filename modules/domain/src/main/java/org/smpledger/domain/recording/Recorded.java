package org.smpledger.domain.recording;

/**
 * What a command recorded: the event's type and message id, the id of the thing it recorded
 * (session, patch test, lot, ...) and the stream version after it (the event's sequence number).
 * A retried request with the same Idempotency-Key gets the first outcome back.
 */
public record Recorded(String streamId, String eventType, String eventId, String recordId, long streamVersion) {}
