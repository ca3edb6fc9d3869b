package org.smpledger.verifier.leaf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reads the events of one raw {@code event_commits} document exactly as stored (see
 * docs/architecture.md, "Collections and documents") and checks the document has precisely the
 * shape the event store writes. A field the leaf encoding does not cover is refused rather than
 * ignored, so nothing can be stored next to an event without the tree noticing.
 */
public final class CommitDocument {

    static final Set<String> COMMIT_FIELDS = Set.of("_id", "n", "pos", "keys", "ids", "events");
    static final Set<String> EVENT_FIELDS = Set.of("id", "type", "agg", "seq", "ts", "tsn", "pt", "pr", "p", "m");

    private CommitDocument() {}

    /** The global position of the commit's first event (its {@code _id}). */
    public static long firstPosition(BsonDocument commit) throws MalformedCommitException {
        BsonValue id = commit.get("_id");
        if (id == null || !(id.isInt64() || id.isInt32()) || id.asNumber().longValue() < 1) {
            throw new MalformedCommitException(0, "a commit's _id is a position from 1 up, not " + id);
        }
        return id.asNumber().longValue();
    }

    /** The number of events the commit holds, by its events array (not trusting {@code n}). */
    public static int eventCount(BsonDocument commit) throws MalformedCommitException {
        BsonValue events = commit.get("events");
        if (events == null || !events.isArray() || events.asArray().isEmpty()) {
            throw new MalformedCommitException(firstPosition(commit), "the commit has no events array");
        }
        return events.asArray().size();
    }

    /** The events in append order, each with its global position. */
    public static List<StoredEvent> events(BsonDocument commit) throws MalformedCommitException {
        long first = firstPosition(commit);
        for (String field : commit.keySet()) {
            if (!COMMIT_FIELDS.contains(field)) {
                throw new MalformedCommitException(first, "the commit has an unexpected field '" + field + "'");
            }
        }
        int count = eventCount(commit);
        BsonArray rawEvents = commit.getArray("events");
        BsonValue n = commit.get("n");
        if (n == null || !(n.isInt32() || n.isInt64()) || n.asNumber().longValue() != count) {
            throw new MalformedCommitException(first, "n is " + n + " but the commit holds " + count + " events");
        }
        List<StoredEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BsonValue event = rawEvents.get(i);
            if (!event.isDocument()) {
                throw new MalformedCommitException(first + i, "event " + i + " of the commit is not a document");
            }
            events.add(event(event.asDocument(), first + i));
        }
        checkPositions(commit, first, count);
        checkIds(commit, events);
        checkKeys(commit, events);
        return events;
    }

    private static StoredEvent event(BsonDocument event, long position) throws MalformedCommitException {
        for (String field : event.keySet()) {
            if (!EVENT_FIELDS.contains(field)) {
                throw new MalformedCommitException(position, "the event has an unexpected field '" + field + "'");
            }
        }
        String streamId = optionalString(event, "agg", position);
        BsonValue seq = event.get("seq");
        Long sequence = null;
        if (seq != null) {
            if (!(seq.isInt64() || seq.isInt32()) || seq.asNumber().longValue() < 0) {
                throw new MalformedCommitException(position, "seq is not a sequence number: " + seq);
            }
            sequence = seq.asNumber().longValue();
        }
        if ((streamId == null) != (sequence == null)) {
            throw new MalformedCommitException(position, "agg and seq are stored together or not at all");
        }
        String aggregateType = optionalString(event, "type", position);
        if (aggregateType != null && streamId == null) {
            throw new MalformedCommitException(position, "an aggregate type without a stream");
        }
        BsonValue ts = event.get("ts");
        if (ts == null || !ts.isDateTime()) {
            throw new MalformedCommitException(position, "ts is not a date: " + ts);
        }
        BsonValue tsn = event.get("tsn");
        int nanos = 0;
        if (tsn != null) {
            if (!tsn.isInt32() || tsn.asInt32().getValue() < 1 || tsn.asInt32().getValue() > 999_999) {
                throw new MalformedCommitException(position, "tsn is not 1..999999 nanoseconds: " + tsn);
            }
            nanos = tsn.asInt32().getValue();
        }
        String eventId = requiredString(event, "id", position);
        String payloadType = requiredString(event, "pt", position);
        String payloadRevision = optionalString(event, "pr", position);
        return new StoredEvent(
                position,
                eventId,
                aggregateType,
                streamId,
                sequence,
                ts.asDateTime().getValue(),
                nanos,
                payloadType,
                payloadRevision,
                binary(event, "p", position),
                binary(event, "m", position));
    }

    private static void checkPositions(BsonDocument commit, long first, int count) throws MalformedCommitException {
        BsonValue pos = commit.get("pos");
        if (pos == null || !pos.isArray()) {
            throw new MalformedCommitException(first, "the commit has no pos array");
        }
        BsonArray positions = pos.asArray();
        for (int i = 0; i < Math.max(count, positions.size()); i++) {
            BsonValue listed = i < positions.size() ? positions.get(i) : null;
            if (i >= count
                    || listed == null
                    || !(listed.isInt64() || listed.isInt32())
                    || listed.asNumber().longValue() != first + i) {
                throw new MalformedCommitException(
                        first + Math.min(i, count - 1),
                        "pos lists " + listed + " where position " + (first + i) + " is");
            }
        }
    }

    private static void checkIds(BsonDocument commit, List<StoredEvent> events) throws MalformedCommitException {
        long first = events.get(0).position();
        BsonValue ids = commit.get("ids");
        if (ids == null || !ids.isArray()) {
            throw new MalformedCommitException(first, "the commit has no ids array");
        }
        BsonArray listed = ids.asArray();
        for (int i = 0; i < Math.max(events.size(), listed.size()); i++) {
            int at = Math.min(i, events.size() - 1);
            if (i >= events.size()
                    || i >= listed.size()
                    || !listed.get(i).isString()
                    || !listed.get(i).asString().getValue().equals(events.get(i).eventId())) {
                throw new MalformedCommitException(
                        events.get(at).position(), "ids does not list the event identifiers in order");
            }
        }
    }

    private static void checkKeys(BsonDocument commit, List<StoredEvent> events) throws MalformedCommitException {
        List<StoredEvent> domainEvents = new ArrayList<>();
        for (StoredEvent event : events) {
            if (event.streamId() != null) {
                domainEvents.add(event);
            }
        }
        BsonValue keys = commit.get("keys");
        if (domainEvents.isEmpty()) {
            if (keys != null) {
                throw new MalformedCommitException(events.get(0).position(), "keys listed for events outside streams");
            }
            return;
        }
        if (keys == null || !keys.isArray()) {
            throw new MalformedCommitException(domainEvents.get(0).position(), "the commit has no keys array");
        }
        BsonArray listed = keys.asArray();
        for (int i = 0; i < Math.max(domainEvents.size(), listed.size()); i++) {
            StoredEvent at = domainEvents.get(Math.min(i, domainEvents.size() - 1));
            String expected = i < domainEvents.size() ? at.streamId() + ":" + at.sequence() : null;
            if (expected == null
                    || i >= listed.size()
                    || !listed.get(i).isString()
                    || !listed.get(i).asString().getValue().equals(expected)) {
                throw new MalformedCommitException(
                        at.position(), "keys does not list the events' stream positions in order");
            }
        }
    }

    private static String requiredString(BsonDocument event, String field, long position)
            throws MalformedCommitException {
        String value = optionalString(event, field, position);
        if (value == null) {
            throw new MalformedCommitException(position, "the event has no " + field);
        }
        return value;
    }

    private static String optionalString(BsonDocument event, String field, long position)
            throws MalformedCommitException {
        BsonValue value = event.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedCommitException(position, field + " is not a string: " + value);
        }
        return value.asString().getValue();
    }

    private static byte[] binary(BsonDocument event, String field, long position) throws MalformedCommitException {
        BsonValue value = event.get(field);
        if (value == null || !value.isBinary() || value.asBinary().getType() != BsonBinarySubType.BINARY.getValue()) {
            throw new MalformedCommitException(position, field + " is not generic binary data");
        }
        BsonBinary binary = value.asBinary();
        return binary.getData();
    }
}
