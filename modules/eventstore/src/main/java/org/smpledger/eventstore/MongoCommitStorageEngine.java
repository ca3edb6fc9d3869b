package org.smpledger.eventstore;

import static org.smpledger.eventstore.CommitDocuments.*;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon 4 {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on MongoDB.
 * <ul>
 *   <li>Every {@code appendEvents} call becomes ONE commit document: all its events are stored or
 *       none (no transactions needed). Commits that arrive while a write is in flight are written
 *       together by the next round trip (group commit, one ordered {@code insertMany}), each with
 *       its own outcome; see {@link GroupCommit}.</li>
 *   <li>Each event has a dense global position (1, 2, 3, ...). A commit's {@code _id} is the position
 *       of its first event; {@code pos} lists every position it occupies. A writer only tries the
 *       position right after a commit it has seen, so positions become visible in order; a clash
 *       (unique {@code pos}) sends it to the next free position. Tokens are Axon's
 *       {@link GlobalSequenceTrackingToken} holding the position of the last event handled.</li>
 *   <li>A second writer at the same stream position or event identifier hits a unique index and
 *       gets Axon's {@code ConcurrencyException} ({@code AggregateStreamCreationException} at
 *       sequence 0).</li>
 *   <li>Every hot-path read is an exact-key lookup: aggregate loads by {@code keys $in}, processor
 *       batches by {@code _id $in} (a window of positions, read ahead while the reader is behind),
 *       snapshots by {@code _id}. Events are never updated or deleted.</li>
 *   <li>{@link #rawCommits} streams the commits themselves (the stored bytes, one message per commit)
 *       from the same reads as the events.</li>
 * </ul>
 * See docs/architecture.md, section "Event store".
 */
public class MongoCommitStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoCommitStorageEngine.class);

    /** The global position of the first event ever stored. */
    public static final long FIRST_POSITION = 1;
    /** MongoDB's (and the embedded server's) maximum BSON document size. */
    public static final int MAX_COMMIT_BYTES = 16 * 1024 * 1024;
    /** Default bound of one group commit: commits per round trip. */
    public static final int DEFAULT_MAX_GROUP_COMMITS = 128;
    /** Default bound of one group commit: bytes per round trip (well under MongoDB's 48 MB message). */
    public static final int DEFAULT_MAX_GROUP_BYTES = 4 * 1024 * 1024;

    /** Shared by every engine in the JVM; its daemon threads end after a minute without work. */
    private static final Executor READ_AHEAD = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smp-event-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final MongoCollection<Document> commits;
    private final MongoCollection<RawBsonDocument> commitWriter;
    private final CommitWindows trackingReads;
    private final MongoCollection<Document> snapshots;
    private final GlobalPositions positions;
    private final GroupCommit groupCommit;

    /** Positions past the known end that a reader polls for. */
    static final int HEAD_WINDOW = CommitWindows.HEAD_WINDOW;

    private static final DocumentCodec DOCUMENT_CODEC = new DocumentCodec();

    protected MongoCommitStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        MongoCollection<Document> commitCollection =
                database.getCollection(builder.commitCollection).withWriteConcern(builder.writeConcern);
        this.commits = commitCollection.withReadConcern(ReadConcern.DEFAULT);
        this.commitWriter = commitCollection.withDocumentClass(RawBsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotCollection).withWriteConcern(builder.writeConcern);
        this.positions = new GlobalPositions(commits);
        this.groupCommit = new GroupCommit(
                commitWriter,
                commitCollection.withReadConcern(ReadConcern.MAJORITY),
                positions,
                builder.groupCommit ? builder.maxGroupCommits : 1,
                builder.maxGroupBytes);
        this.trackingReads = new CommitWindows(
                commitWriter.withReadConcern(builder.trackingReadConcern),
                positions,
                builder.trackingBatchSize,
                builder.readAhead ? READ_AHEAD : null);
        if (builder.createIndexes) {
            ensureIndexes();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes the guarantees rest on; idempotent, so it runs at every start. */
    public void ensureIndexes() {
        commits.createIndex(
                Indexes.ascending(POSITIONS), new IndexOptions().unique(true).name("pos_unique"));
        commits.createIndex(
                Indexes.ascending(STREAM_KEYS),
                new IndexOptions().unique(true).sparse(true).name("keys_unique"));
        commits.createIndex(
                Indexes.ascending(EVENT_IDS), new IndexOptions().unique(true).name("ids_unique"));
    }

    // ---------------------------------------------------------------- append

    /**
     * One commit for the whole list: checked and encoded here, in the appending thread, then written
     * by {@link GroupCommit} together with the commits of other threads that wait meanwhile. Returns
     * once the commit is stored at the write concern; a conflict or failure of this commit is thrown
     * here and touches no other commit of its group.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<String> streamKeys = new ArrayList<>();
        List<String> eventIds = new ArrayList<>(events.size());
        Set<String> seenKeys = new HashSet<>();
        Set<String> seenIds = new HashSet<>();
        for (EventMessage<?> event : events) {
            boolean newKey = true;
            if (event instanceof DomainEventMessage<?> domain) {
                String key = streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                newKey = seenKeys.add(key);
                streamKeys.add(key);
            }
            eventIds.add(event.getIdentifier());
            if (!newKey || !seenIds.add(event.getIdentifier())) {
                handlePersistenceException(
                        new MongoDuplicateKeyResolver.DuplicateWithinCommitException(
                                "one commit names the same stream position or event identifier twice"),
                        event);
            }
        }
        List<RawBsonDocument> encoded = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            encoded.add(event(event, serializer));
        }
        PendingCommit commit =
                new PendingCommit(events, streamKeys, eventIds, commitBody(encoded, streamKeys, eventIds));
        if (commit.size() > MAX_COMMIT_BYTES) {
            throw new EventStoreException("A commit of " + events.size() + " events needs " + commit.size()
                    + " bytes, more than MongoDB's document limit of "
                    + MAX_COMMIT_BYTES + "; nothing was stored");
        }
        groupCommit.append(commit);
        switch (commit.outcome()) {
            case STORED -> {}
            case CONFLICT -> handlePersistenceException(commit.cause(), conflictingEvent(events, streamKeys, eventIds));
            case FAILED -> {
                if (commit.cause() instanceof MongoException mongo) {
                    handlePersistenceException(mongo, events.get(0));
                }
                throw new EventStoreException(commit.cause().getMessage(), commit.cause());
            }
        }
    }

    /** Insert round trips this engine sent for appends (a group of commits each). */
    public long appendWrites() {
        return groupCommit.groupWrites();
    }

    /**
     * Append round trips that found their global position taken by another writer (another instance
     * on the same store) and were sent again at the new head.
     */
    public long positionClashes() {
        return groupCommit.positionClashes();
    }

    /** Commits waiting for the next group-commit round trip (the queue, not the write in flight). */
    int commitsWaiting() {
        return groupCommit.waiting();
    }

    /** The event whose stream position or identifier is already stored, to report the right exception. */
    private EventMessage<?> conflictingEvent(
            List<? extends EventMessage<?>> events, List<String> streamKeys, List<String> eventIds) {
        try {
            Set<String> taken = new HashSet<>();
            if (!streamKeys.isEmpty()) {
                for (Document found : commits.find(new Document(STREAM_KEYS, new Document("$in", streamKeys)))
                        .projection(Projections.include(STREAM_KEYS))) {
                    taken.addAll(found.getList(STREAM_KEYS, String.class));
                }
            }
            for (Document found : commits.find(new Document(EVENT_IDS, new Document("$in", eventIds)))
                    .projection(Projections.include(EVENT_IDS))) {
                taken.addAll(found.getList(EVENT_IDS, String.class));
            }
            for (EventMessage<?> event : events) {
                if (taken.contains(event.getIdentifier())
                        || (event instanceof DomainEventMessage<?> domain
                                && taken.contains(
                                        streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber())))) {
                    return event;
                }
            }
        } catch (MongoException e) {
            log.debug("could not tell which event conflicted", e);
        }
        return events.get(0);
    }

    // ---------------------------------------------------------------- aggregate streams

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<StoredEventData.Domain> batch = readStreamWindow(aggregateIdentifier, firstSequenceNumber, batchSize);
        if (hasGap(batch, firstSequenceNumber)) {
            // A query is not a snapshot: a commit written while it ran may be seen without the one
            // before it. Read again; a gap that is still there was stored that way.
            batch = readStreamWindow(aggregateIdentifier, firstSequenceNumber, batchSize);
        }
        return batch;
    }

    /**
     * One stream's events as stored (payload and metadata as the serializer wrote them, not upcast
     * or read), in sequence order from {@code firstSequenceNumber}: for readers that need the stored
     * bytes themselves, such as opening sealed personal data. Read window by window, like a load.
     */
    public List<DomainEventData<?>> storedEvents(String aggregateIdentifier, long firstSequenceNumber) {
        List<DomainEventData<?>> all = new ArrayList<>();
        long next = firstSequenceNumber;
        while (true) {
            List<? extends DomainEventData<?>> window = fetchDomainEvents(aggregateIdentifier, next, batchSize());
            all.addAll(window);
            if (window.size() < batchSize()) {
                return all;
            }
            next = window.get(window.size() - 1).getSequenceNumber() + 1;
        }
    }

    /**
     * A window of one stream, each event with its global position: Axon's {@code readEvents} turns
     * tracked event data into {@code TrackedEventMessage}s (still {@code DomainEventMessage}s), so an
     * audit view can show where an event stands in the global order.
     */
    private List<StoredEventData.Domain> readStreamWindow(
            String aggregateIdentifier, long firstSequenceNumber, int size) {
        List<Object> commitIds = commitIdsHolding(aggregateIdentifier, firstSequenceNumber, size);
        List<StoredEventData.Domain> found = new ArrayList<>();
        if (commitIds.isEmpty()) {
            return found;
        }
        for (Document commit :
                commits.find(new Document(ID, new Document("$in", commitIds))).batchSize(commitIds.size())) {
            List<Document> events = events(commit);
            long first = firstPosition(commit);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                if (isDomainEvent(event)
                        && aggregateIdentifier.equals(aggregateIdentifier(event))
                        && sequenceNumber(event) >= firstSequenceNumber) {
                    found.add(new StoredEventData.TrackedDomain(
                            toDomainEventData(event), new GlobalSequenceTrackingToken(first + i)));
                }
            }
        }
        found.sort(Comparator.comparingLong(StoredEventData.Domain::getSequenceNumber));
        return found;
    }

    /**
     * The distinct commits holding any of the stream's positions [first, first + size). Asked with
     * a projection on {@code _id} only: the embedded server returns a commit once per matching key
     * of a multikey index, so the full commits are then fetched once each by {@code _id $in}.
     */
    private List<Object> commitIdsHolding(String aggregateIdentifier, long firstSequenceNumber, int size) {
        List<String> keys = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            keys.add(streamKey(aggregateIdentifier, firstSequenceNumber + i));
        }
        Set<Object> ids = new LinkedHashSet<>();
        for (Document commit : commits.find(new Document(STREAM_KEYS, new Document("$in", keys)))
                .projection(Projections.include(ID))
                .batchSize(size)) {
            ids.add(commit.get(ID));
        }
        return new ArrayList<>(ids);
    }

    private static boolean hasGap(List<StoredEventData.Domain> batch, long firstSequenceNumber) {
        long expected = firstSequenceNumber;
        for (StoredEventData.Domain event : batch) {
            if (event.getSequenceNumber() != expected) {
                return true;
            }
            expected++;
        }
        return false;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        String prefix = aggregateIdentifier + ":";
        long last = -1;
        long from = 0;
        while (true) {
            List<String> keys = new ArrayList<>(batchSize());
            for (int i = 0; i < batchSize(); i++) {
                keys.add(streamKey(aggregateIdentifier, from + i));
            }
            long before = last;
            for (Document commit : commits.find(new Document(STREAM_KEYS, new Document("$in", keys)))
                    .projection(Projections.include(STREAM_KEYS))) {
                for (String key : commit.getList(STREAM_KEYS, String.class)) {
                    String rest = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
                    if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
                        last = Math.max(last, Long.parseLong(rest));
                    }
                }
            }
            if (last == before) {
                return last < 0 ? Optional.empty() : Optional.of(last);
            }
            from = last + 1;
        }
    }

    // ---------------------------------------------------------------- global stream

    /**
     * The global stream from a token, read by {@link CommitWindows}: windows of positions, the next
     * one fetched in the background while the reader is behind. Like Axon's own streams, one that has
     * run dry fetches again when asked again.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        CommitWindows.Windows<TrackedEventData<?>> windows = trackingReads.stream(
                lastPosition(trackingToken), this::eventsAfter, MongoCommitStorageEngine::positionOf);
        return StreamSupport.stream(windows, false).onClose(windows::close);
    }

    /**
     * The commits themselves, one message per commit, from the same reads as the events (see
     * {@link RawCommitSource}); a reader waiting at the head asks the store again after {@code pollInterval}
     * at the latest (events this engine stores wake it at once).
     */
    public RawCommitSource rawCommits(Duration pollInterval) {
        trackingReads.shareRecentCommits();
        return new RawCommitSource(this, trackingReads, pollInterval);
    }

    /** {@link #rawCommits(Duration)} polling every second, as Axon's event store does by default. */
    public RawCommitSource rawCommits() {
        return rawCommits(Duration.ofSeconds(1));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return eventsAfter(lastPosition(lastToken), batchSize);
    }

    /** The events after position {@code after}, read from a window of {@code size} positions. */
    private List<TrackedEventData<?>> eventsAfter(long after, int size) {
        long expected = after + 1;
        List<TrackedEventData<?>> batch = new ArrayList<>();
        for (TrackedCommit commit : trackingReads.fetch(expected, size)) {
            Document decoded = commit.raw().decode(DOCUMENT_CODEC);
            List<Document> events = events(decoded);
            for (int i = 0; i < events.size(); i++) {
                long position = commit.first() + i;
                // positions before `expected` were handed out already (or by an overlapping commit)
                if (position >= expected) {
                    batch.add(tracked(events.get(i), position));
                    expected = position + 1;
                }
            }
        }
        return batch;
    }

    private static long positionOf(TrackedEventData<?> event) {
        return lastPosition(event.trackingToken());
    }

    private static TrackedEventData<?> tracked(Document event, long position) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        StoredEventData data = toEventData(event);
        return data instanceof StoredEventData.Domain domain
                ? new StoredEventData.TrackedDomain(domain, token)
                : new StoredEventData.Tracked(data, token);
    }

    static long lastPosition(TrackingToken token) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null) {
            return FIRST_POSITION - 1;
        }
        if (unwrapped instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Unsupported token type "
                + unwrapped.getClass().getName() + "; this engine issues GlobalSequenceTrackingToken");
    }

    @Override
    public TrackingToken createTailToken() {
        return new GlobalSequenceTrackingToken(FIRST_POSITION - 1);
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = positions.catchUp(positions.knownEnd());
        return new GlobalSequenceTrackingToken(head - 1);
    }

    /**
     * The token before the first event (in position order) stamped at or after {@code dateTime}.
     * Not a hot path (processor resets): it walks commits in position order, which on the embedded
     * server is a collection scan.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document filter = new Document(EVENTS + "." + TIMESTAMP, new Document("$gte", millisOf(dateTime)));
        for (Document commit : commits.find(filter).sort(Sorts.ascending(ID)).batchSize(batchSize())) {
            List<Document> events = events(commit);
            for (int i = 0; i < events.size(); i++) {
                if (!timestamp(events.get(i)).isBefore(dateTime)) {
                    return new GlobalSequenceTrackingToken(firstPosition(commit) + i - 1);
                }
            }
        }
        return createHeadToken();
    }

    // ---------------------------------------------------------------- snapshots

    /**
     * Keeps the latest snapshot per aggregate ({@code _id} = aggregate identifier). Snapshots are
     * derived data, so replacing one is allowed; an older one never replaces a newer one when
     * stored one after the other. Two snapshotters racing on one aggregate may leave the older of
     * the two, which is still a valid starting point for loading.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document key = new Document(ID, snapshot.getAggregateIdentifier());
        Document existing =
                snapshots.find(key).projection(Projections.include(SEQUENCE)).first();
        if (existing != null && sequenceNumber(existing) >= snapshot.getSequenceNumber()) {
            return;
        }
        try {
            snapshots.replaceOne(
                    key, CommitDocuments.snapshot(snapshot, serializer), new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                throw new EventStoreException(
                        "Could not store the snapshot of " + snapshot.getAggregateIdentifier(), e);
            }
            log.debug("a concurrent snapshotter stored a snapshot of {} first", snapshot.getAggregateIdentifier());
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot =
                snapshots.find(new Document(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toDomainEventData(snapshot));
    }

    // ---------------------------------------------------------------- builder

    /**
     * Defaults: collections {@code event_commits} and {@code event_snapshots}, writes acknowledged
     * by a majority and journaled, processor reads at read concern majority, batch size 100,
     * group commit of up to 128 commits and 4 MiB per round trip, indexes created at start,
     * duplicate keys resolved by {@link MongoDuplicateKeyResolver}.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitCollection = "event_commits";
        private String snapshotCollection = "event_snapshots";
        private WriteConcern writeConcern = WriteConcern.MAJORITY.withJournal(true);
        private ReadConcern trackingReadConcern = ReadConcern.MAJORITY;
        private boolean createIndexes = true;
        private int trackingBatchSize = 1000;
        private boolean readAhead = true;
        private boolean groupCommit = true;
        private int maxGroupCommits = DEFAULT_MAX_GROUP_COMMITS;
        private int maxGroupBytes = DEFAULT_MAX_GROUP_BYTES;

        protected Builder() {
            persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder commitCollection(String name) {
            this.commitCollection = name;
            return this;
        }

        public Builder snapshotCollection(String name) {
            this.snapshotCollection = name;
            return this;
        }

        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = writeConcern;
            return this;
        }

        /** Read concern for processor batches; majority keeps them from seeing writes a failover could roll back. */
        public Builder trackingReadConcern(ReadConcern readConcern) {
            this.trackingReadConcern = readConcern;
            return this;
        }

        /** Positions per processor read (one query); {@code batchSize} stays the window of aggregate loads. */
        public Builder trackingBatchSize(int trackingBatchSize) {
            if (trackingBatchSize <= 0) {
                throw new AxonConfigurationException("The trackingBatchSize must be a positive number");
            }
            this.trackingBatchSize = trackingBatchSize;
            return this;
        }

        /** Whether a stream that is behind fetches its next window in the background (default: yes). */
        public Builder readAhead(boolean readAhead) {
            this.readAhead = readAhead;
            return this;
        }

        /**
         * Whether commits that arrive while a write is in flight go to the store together in the next
         * round trip (default: yes). Off, every commit takes a round trip of its own, one at a time.
         */
        public Builder groupCommit(boolean groupCommit) {
            this.groupCommit = groupCommit;
            return this;
        }

        /** The most commits one group-commit round trip carries. */
        public Builder maxGroupCommits(int maxGroupCommits) {
            if (maxGroupCommits <= 0) {
                throw new AxonConfigurationException("The maxGroupCommits must be a positive number");
            }
            this.maxGroupCommits = maxGroupCommits;
            return this;
        }

        /** The most bytes of commits one group-commit round trip carries; a larger commit goes alone. */
        public Builder maxGroupBytes(int maxGroupBytes) {
            if (maxGroupBytes <= 0) {
                throw new AxonConfigurationException("The maxGroupBytes must be a positive number");
            }
            this.maxGroupBytes = maxGroupBytes;
            return this;
        }

        public Builder createIndexes(boolean createIndexes) {
            this.createIndexes = createIndexes;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is a hard requirement and should be provided");
            }
            Objects.requireNonNull(writeConcern, "writeConcern");
            Objects.requireNonNull(trackingReadConcern, "trackingReadConcern");
        }

        public MongoCommitStorageEngine build() {
            validate();
            return new MongoCommitStorageEngine(this);
        }
    }
}
