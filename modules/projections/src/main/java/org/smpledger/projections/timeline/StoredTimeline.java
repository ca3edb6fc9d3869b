package org.smpledger.projections.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.store.ReadModel;

/**
 * A client's timeline as stored: one document per client in {@code timeline_gN}, every recorded
 * step in stream order. Absent values are left out of the document.
 */
public record StoredTimeline(@BsonId String clientId, String clinicId, long lastSequence, List<Entry> entries)
        implements ClientStreamProjection.ClientRecord<StoredTimeline> {

    static final ReadModel<StoredTimeline> MODEL =
            new ReadModel<>(TimelineProjection.COLLECTION, StoredTimeline.class, StoredTimeline::clientId);

    public StoredTimeline {
        entries = entries == null ? List.of() : entries;
    }

    @Override
    public StoredTimeline appliedUpTo(long sequence, String clinicId) {
        return new StoredTimeline(clientId, clinicId, sequence, entries);
    }

    /** With {@code entry} appended, and {@code correction} attached to the entries of the event it corrects. */
    StoredTimeline with(Entry entry, String correctedEventId, Correction correction) {
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        for (Entry existing : entries) {
            next.add(
                    correction != null && correctedEventId.equals(existing.eventId())
                            ? existing.withCorrection(correction)
                            : existing);
        }
        next.add(entry);
        return new StoredTimeline(clientId, clinicId, lastSequence, next);
    }

    /** One recorded step: what it was in the clinic's words, and the facts a timeline shows for it. */
    public record Entry(
            String eventId,
            long sequence,
            String type,
            String what,
            Instant recordedAt,
            Instant occurredAt,
            String actorId,
            String actorRole,
            List<String> zones,
            List<String> lots,
            Map<String, Double> densityAdded,
            String sessionId,
            Integer course,
            Integer sessionNumber,
            SessionOverride override,
            String corrects,
            List<Correction> corrections) {

        public Entry {
            zones = zones == null ? List.of() : zones;
            lots = lots == null ? List.of() : lots;
            densityAdded = densityAdded == null ? new TreeMap<>() : densityAdded;
            corrections = corrections == null ? List.of() : corrections;
        }

        Entry withCorrection(Correction correction) {
            List<Correction> all = new ArrayList<>(corrections);
            all.add(correction);
            return new Entry(
                    eventId,
                    sequence,
                    type,
                    what,
                    recordedAt,
                    occurredAt,
                    actorId,
                    actorRole,
                    zones,
                    lots,
                    densityAdded,
                    sessionId,
                    course,
                    sessionNumber,
                    override,
                    corrects,
                    all);
        }
    }

    /** A session that went past a limit: why, and who approved it. */
    public record SessionOverride(String reason, String approvedBy, List<String> limitsExceeded) {}

    /** A correction of the entry, as recorded. */
    public record Correction(
            String eventId,
            long sequence,
            Instant recordedAt,
            String actorId,
            String reason,
            boolean voided,
            List<Change> changes) {}

    /**
     * A corrected field and its new value, as a pair: field paths come from the client and are not
     * safe as MongoDB field names.
     */
    public record Change(String field, String value) {}
}
