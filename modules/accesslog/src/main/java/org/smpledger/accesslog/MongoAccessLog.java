package org.smpledger.accesslog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access records to MongoDB off the request path: {@link #record} puts the record in a
 * bounded queue; one writer thread takes what has gathered (up to {@code batchSize}, waiting at
 * most {@code maxDelay} after the first record) and stores it with one {@code insertMany} of the
 * records, one counter update per list key and one {@code insertMany} of the index entries. A
 * failed write is retried (same ids, so nothing is stored twice) until it succeeds. {@link #close}
 * writes everything queued before it returns (bounded by {@code shutdownTimeout}). The records and
 * index collections are only ever inserted into, never updated or deleted.
 */
public final class MongoAccessLog implements AccessLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoAccessLog.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    /**
     * @param collection      name of the records collection (index and counters are named after it)
     * @param queueCapacity   records waiting to be written at most; beyond, {@link #record} waits up to {@code offerTimeout}
     * @param batchSize       records per write at most
     * @param maxDelay        how long the writer waits for more records after the first before writing
     * @param offerTimeout    how long a request waits for room in a full queue before its record is dropped
     * @param shutdownTimeout how long {@link #close} keeps writing what is queued
     */
    public record Settings(
            String collection,
            int queueCapacity,
            int batchSize,
            Duration maxDelay,
            Duration offerTimeout,
            Duration shutdownTimeout) {

        public Settings {
            if (queueCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("queue capacity and batch size must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(
                    "access_log", 10_000, 500, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    private final AccessLogCollections collections;
    private final Settings settings;
    private final RecordOwners owners;
    private final Clock clock;
    private final BlockingQueue<AccessRecord> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile boolean closing;
    private volatile Instant failingSince;
    private volatile Instant lastWarning = Instant.EPOCH;

    private MongoAccessLog(MongoDatabase database, Settings settings, RecordOwners owners, Clock clock) {
        this.collections = AccessLogCollections.in(database, settings.collection());
        this.settings = settings;
        this.owners = owners;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writer = new Thread(this::writeUntilClosed, "access-log-writer");
        this.writer.setDaemon(true);
    }

    public static MongoAccessLog start(MongoDatabase database, Settings settings, RecordOwners owners, Clock clock) {
        MongoAccessLog accessLog = new MongoAccessLog(database, settings, owners, clock);
        accessLog.writer.start();
        return accessLog;
    }

    @Override
    public boolean record(AccessRecord record) {
        boolean queued = !closing && queue.offer(record);
        if (!queued && !closing) {
            try {
                queued = queue.offer(record, settings.offerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!queued) {
            dropped.incrementAndGet();
            warn(
                    closing
                            ? "an access record arrived after the access log closed; it is not stored ({} so far)"
                            : "the access log queue is full (MongoDB too slow or down); an access record is lost ({} so far)",
                    dropped.get());
        }
        return queued;
    }

    /** Records stored so far. */
    public long written() {
        return written.get();
    }

    /** Records lost: queue full, arrived after close, or still unwritten when close gave up. */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting to be written. */
    public int pending() {
        return queue.size();
    }

    /** Writes that failed and were retried. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Since when writes keep failing; empty while they succeed. */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    /** Stops taking records and writes everything queued, for at most {@code shutdownTimeout}. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(settings.shutdownTimeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (writer.isAlive() || left > 0) {
            writer.interrupt();
            dropped.addAndGet(left);
            log.error("access log closed with {} records not written (MongoDB did not take them in time)", left);
        }
    }

    private void writeUntilClosed() {
        Instant deadline = null;
        while (true) {
            List<AccessRecord> batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                if (closing) {
                    return;
                }
                continue;
            }
            if (closing && deadline == null) {
                deadline = clock.instant().plus(settings.shutdownTimeout());
            }
            if (!write(new PreparedBatch(batch), deadline)) {
                return;
            }
        }
    }

    /** The records gathered for the next write; empty when none arrived for a while. */
    private List<AccessRecord> next() throws InterruptedException {
        List<AccessRecord> batch = new ArrayList<>();
        AccessRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long waitUntil = System.nanoTime() + settings.maxDelay().toNanos();
        while (batch.size() < settings.batchSize()) {
            queue.drainTo(batch, settings.batchSize() - batch.size());
            long left = waitUntil - System.nanoTime();
            if (batch.size() >= settings.batchSize() || left <= 0 || closing) {
                break;
            }
            AccessRecord more = queue.poll(left, TimeUnit.NANOSECONDS);
            if (more != null) {
                batch.add(more);
            }
        }
        return batch;
    }

    /** Writes the batch, retrying with a growing pause; false when closing gave up on it. */
    private boolean write(PreparedBatch batch, Instant deadline) {
        long pauseMillis = 100;
        while (true) {
            try {
                batch.write();
                written.addAndGet(batch.size());
                failingSince = null;
                return true;
            } catch (MongoException | IllegalStateException e) {
                failedWrites.incrementAndGet();
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                warn("writing access records failed, retrying: {}", e.getMessage());
            }
            if (closing) {
                if (deadline == null) {
                    deadline = clock.instant().plus(settings.shutdownTimeout());
                }
                if (!clock.instant().isBefore(deadline)) {
                    dropped.addAndGet(batch.size());
                    log.error("access log closing: {} records could not be written", batch.size());
                    return false;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                dropped.addAndGet(batch.size());
                return false;
            }
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
        }
    }

    private void warn(String message, Object argument) {
        Instant now = clock.instant();
        if (now.isAfter(lastWarning.plus(WARN_EVERY))) {
            lastWarning = now;
            log.warn(message, argument);
        }
    }

    /**
     * One write: the records (their owners looked up once), the numbers reserved per key (kept
     * across retries so a retry never takes new numbers), then the records and the index entries.
     */
    private final class PreparedBatch {

        private final List<AccessRecord> records;
        private final List<List<String>> keys = new ArrayList<>();
        private final Map<String, Integer> countPerKey = new LinkedHashMap<>();
        private final Map<String, Long> firstNumber = new LinkedHashMap<>();
        private boolean recordsStored;

        PreparedBatch(List<AccessRecord> batch) {
            this.records = batch.stream().map(this::withOwner).toList();
            for (AccessRecord record : records) {
                List<String> recordKeys = IndexKeys.of(record);
                keys.add(recordKeys);
                recordKeys.forEach(key -> countPerKey.merge(key, 1, Integer::sum));
            }
        }

        int size() {
            return records.size();
        }

        void write() {
            for (Map.Entry<String, Integer> key : countPerKey.entrySet()) {
                if (!firstNumber.containsKey(key.getKey())) {
                    firstNumber.put(key.getKey(), reserve(key.getKey(), key.getValue()));
                }
            }
            if (!recordsStored) {
                insertAll(
                        collections.records(),
                        records.stream().map(AccessDocuments::of).toList());
                recordsStored = true;
            }
            Map<String, Long> next = new LinkedHashMap<>(firstNumber);
            List<Document> entries = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                AccessRecord record = records.get(i);
                for (String key : keys.get(i)) {
                    long number = next.merge(key, 1L, Long::sum) - 1;
                    entries.add(new Document("_id", IndexKeys.entry(key, number))
                            .append("record", record.id())
                            .append("recorded", Date.from(record.recorded())));
                }
            }
            insertAll(collections.index(), entries);
        }

        /** Takes {@code count} numbers of the key's sequence; returns the first. */
        private long reserve(String key, int count) {
            FindOneAndUpdateOptions upsert =
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
            Document counter;
            try {
                counter = collections
                        .counters()
                        .findOneAndUpdate(Filters.eq("_id", key), Updates.inc("count", count), upsert);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // another instance created the counter at the same moment: now it exists
                counter = collections
                        .counters()
                        .findOneAndUpdate(Filters.eq("_id", key), Updates.inc("count", count), upsert);
            }
            if (counter == null) {
                throw new IllegalStateException("counter " + key + " was not returned");
            }
            return ((Number) counter.get("count")).longValue() - count + 1;
        }

        private AccessRecord withOwner(AccessRecord record) {
            AccessRecord.Entity entity = record.entity();
            if (entity == null
                    || entity.clinicId() != null
                    || entity.id() == null
                    || !(IndexKeys.CLIENT.equals(entity.kind()) || IndexKeys.LOT.equals(entity.kind()))) {
                return record;
            }
            Optional<String> owner;
            try {
                owner = owners.clinicOf(entity.kind(), entity.id());
            } catch (RuntimeException e) {
                log.debug("could not look up the owner of a refused access's record", e);
                return record;
            }
            if (owner.isEmpty()) {
                return record;
            }
            boolean otherClinic = record.outcome() == AccessRecord.Outcome.NOT_FOUND
                    && !owner.get().equals(record.agent().clinicId());
            return record.withEntity(
                    entity.withClinic(owner.get()), otherClinic ? AccessRecord.Outcome.OTHER_CLINIC : record.outcome());
        }
    }

    /** Inserts every document; ones already stored by an earlier try are skipped. */
    private static void insertAll(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
            for (Document document : documents) {
                try {
                    collection.insertOne(document);
                } catch (MongoWriteException duplicate) {
                    if (duplicate.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw duplicate;
                    }
                }
            }
        }
    }
}
