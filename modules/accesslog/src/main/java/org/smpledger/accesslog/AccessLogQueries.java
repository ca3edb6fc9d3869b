package org.smpledger.accesslog;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Lists the access log, newest first: a client's entries, or a clinic's over a range of whole
 * hours. Every read is by exact {@code _id}s (a counter, then {@code $in} of index entries, then
 * {@code $in} of records), which the embedded server and a real MongoDB serve from the {@code _id}
 * index at any size of the log. A clinic sees nothing of another clinic in its list
 * ({@link AccessRecord#asSeenBy}).
 */
public final class AccessLogQueries {

    /** The longest range one clinic listing may cover (one counter per hour). */
    public static final Duration MAX_RANGE = Duration.ofDays(92);

    private final AccessLogCollections collections;

    public AccessLogQueries(MongoDatabase database, String collection) {
        this.collections = AccessLogCollections.in(database, collection);
    }

    public AccessLogPage forClient(String clinicId, String clientId, int page, int size) {
        String key = IndexKeys.client(clinicId, clientId);
        Document counter = collections.counters().find(Filters.eq("_id", key)).first();
        long total = counter == null ? 0 : ((Number) counter.get("count")).longValue();
        List<String> entries = new ArrayList<>();
        long newest = total - (long) page * size;
        for (long n = newest; n > Math.max(0, newest - size); n--) {
            entries.add(IndexKeys.entry(key, n));
        }
        return new AccessLogPage(null, null, page, size, total, records(entries, clinicId));
    }

    /** {@code from} is taken down and {@code to} up to the whole hour; the range may not pass {@link #MAX_RANGE}. */
    public AccessLogPage forClinic(String clinicId, Instant from, Instant to, int page, int size) {
        Instant first = IndexKeys.hourOf(from);
        Instant end =
                IndexKeys.hourOf(to).equals(to) ? to : IndexKeys.hourOf(to).plus(1, ChronoUnit.HOURS);
        if (!end.isAfter(first) || Duration.between(first, end).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException(
                    "the range must be positive and at most " + MAX_RANGE.toDays() + " days");
        }
        List<String> keys = new ArrayList<>();
        for (Instant hour = end.minus(1, ChronoUnit.HOURS);
                !hour.isBefore(first);
                hour = hour.minus(1, ChronoUnit.HOURS)) {
            keys.add(IndexKeys.clinicHour(clinicId, hour));
        }
        Map<String, Long> counts = new HashMap<>();
        for (Document counter : collections.counters().find(Filters.in("_id", keys))) {
            counts.put(counter.getString("_id"), ((Number) counter.get("count")).longValue());
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long skip = (long) page * size;
        List<String> entries = new ArrayList<>();
        for (String key : keys) {
            long count = counts.getOrDefault(key, 0L);
            if (skip >= count) {
                skip -= count;
                continue;
            }
            for (long n = count - skip; n >= 1 && entries.size() < size; n--) {
                entries.add(IndexKeys.entry(key, n));
            }
            skip = 0;
            if (entries.size() >= size) {
                break;
            }
        }
        return new AccessLogPage(first, end, page, size, total, records(entries, clinicId));
    }

    /** The records of these index entries, in their order, as the clinic sees them; entries never stored are left out. */
    private List<AccessRecord> records(List<String> entries, String viewer) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, String> recordOfEntry = new HashMap<>();
        for (Document entry : collections.index().find(Filters.in("_id", entries))) {
            recordOfEntry.put(entry.getString("_id"), entry.getString("record"));
        }
        Map<String, AccessRecord> records = new HashMap<>();
        for (Document record : collections.records().find(Filters.in("_id", List.copyOf(recordOfEntry.values())))) {
            records.put(record.getString("_id"), AccessDocuments.from(record));
        }
        List<AccessRecord> ordered = new ArrayList<>();
        for (String entry : entries) {
            AccessRecord record = records.get(recordOfEntry.get(entry));
            if (record != null) {
                ordered.add(record.asSeenBy(viewer));
            }
        }
        return ordered;
    }
}
