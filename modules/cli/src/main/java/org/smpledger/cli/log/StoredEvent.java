package org.smpledger.cli.log;

import java.time.Instant;

/**
 * One event as the event store holds it (docs/architecture.md, "Event store"): its global position,
 * identity, stream, time stamp, and payload and metadata as the serializer's bytes (JSON).
 *
 * @param sequence the stream sequence, or -1 for an event outside any stream
 */
public record StoredEvent(
        long position,
        String eventId,
        String aggregateType,
        String streamId,
        long sequence,
        Instant timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {}
