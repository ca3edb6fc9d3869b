package org.smpledger.domain.recording;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.messaging.MetaData;

/**
 * What an aggregate remembers about its own stream, apart from the domain: its version (the
 * sequence number of its last event), the outcome of every request that came with an
 * Idempotency-Key, and whose clinic the stream belongs to.
 */
public final class StreamBookkeeping {

    private record Remembered(String fingerprint, Recorded outcome) {}

    private final Map<String, Remembered> requests = new HashMap<>();
    private long version = -1;
    private Recorded last;
    private String clinicId;

    /** Called for every event of the stream, as it is applied or replayed. */
    public void track(
            String streamId,
            String eventType,
            String eventId,
            String recordId,
            long sequenceNumber,
            MetaData metaData) {
        version = sequenceNumber;
        last = new Recorded(streamId, eventType, eventId, recordId, sequenceNumber);
        String key = RequestMetaData.idempotencyKey(metaData);
        if (key != null) {
            requests.putIfAbsent(key, new Remembered(RequestMetaData.requestFingerprint(metaData), last));
        }
    }

    public void ownedBy(String clinicId) {
        this.clinicId = clinicId;
    }

    /** The clinic the stream belongs to (null before its first event names one). */
    public String clinicId() {
        return clinicId;
    }

    /** Whether the stream belongs to a clinic other than the sender's. */
    public boolean ownedByAnotherThan(MetaData command) {
        String sender = RequestMetaData.clinicId(command);
        return sender != null && clinicId != null && !sender.equals(clinicId);
    }

    /** The outcome of the last event applied or replayed (null before the first). */
    public Recorded last() {
        return last;
    }

    /**
     * Checks a command against the stream before any rule: the stream must belong to the sender's
     * clinic (else it is as good as absent), a retried request returns its first outcome (a key
     * reused for a different request is refused), and an expected version must be the current one.
     */
    public Optional<Recorded> admit(String streamName, String streamId, Long expectedVersion, MetaData command) {
        if (ownedByAnotherThan(command)) {
            throw RuleViolation.notFound(
                    streamName + "-not-found",
                    "No " + streamName.replace('-', ' ') + " " + streamId + " in this clinic.",
                    RuleViolation.numbers("id", streamId));
        }
        String key = RequestMetaData.idempotencyKey(command);
        if (key != null && requests.containsKey(key)) {
            Remembered earlier = requests.get(key);
            if (!Objects.equals(earlier.fingerprint(), RequestMetaData.requestFingerprint(command))) {
                throw RuleViolation.refused(
                        "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request on this record.",
                        RuleViolation.numbers(
                                "idempotencyKey",
                                key,
                                "firstEventId",
                                earlier.outcome().eventId()));
            }
            return Optional.of(earlier.outcome());
        }
        if (expectedVersion != null && expectedVersion != version) {
            throw RuleViolation.conflict(
                    "stream-version",
                    "The record changed since you read it: you sent version %d, it is at version %d."
                            .formatted(expectedVersion, version),
                    RuleViolation.numbers("expectedVersion", expectedVersion, "currentVersion", version));
        }
        return Optional.empty();
    }
}
