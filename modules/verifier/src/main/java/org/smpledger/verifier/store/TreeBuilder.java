package org.smpledger.verifier.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.RawBsonDocument;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.merkle.CompactRange;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;

/**
 * Keeps the stored tree up with the event store: reads raw commits in position order from the
 * tree's size (windows of exact positions), appends their leaves, and signs checkpoints as the
 * {@link CheckpointPolicy} says. Resumes from the stored size after a restart; appends whole
 * commits only, so the tree always ends at a commit boundary. Stops at the first position not
 * visible yet; refuses (with {@link StoreIntegrityException}) to build over a malformed or
 * overlapping commit, and to sign a tree that does not extend its last checkpoint.
 *
 * <p>Plain calls for whoever drives it: {@link #catchUp()} from a scheduler or a streaming
 * processor, {@link #appendThrough(long)} for "at least this position", {@link #append(List)} for
 * commits a processor of the event store has read already (no second read of them),
 * {@link #checkpointIfDue()} so a quiet log still gets its timed checkpoint. Instances may run in several processes at once:
 * nodes are written once with identical content and sizes only grow.
 */
public final class TreeBuilder {

    private static final System.Logger LOG = System.getLogger(TreeBuilder.class.getName());
    private static final int HEAD_SLACK = 64;
    /**
     * Positions per read of commits. The embedded MongoDB server holds the collection while it
     * answers a read, and compares every commit it finds with every position in the {@code $in}
     * list: a read of 1000 positions held the commits (and so the appends of commands) several
     * times longer per event than reads of 250 do.
     */
    static final int READ_WINDOW = 250;

    private final CommitReader commits;
    private final StoredTree tree;
    private final CheckpointStore checkpoints;
    private final LogSigner signer;
    private final CheckpointPolicy policy;
    private final Clock clock;
    private final int window;
    private final Consumer<SignedCheckpoint> onCheckpoint;

    private CompactRange edge;
    private Checkpoint last;
    /** The latest checkpoint while the tree is rebuilt up to it, else null. */
    private Checkpoint unconfirmed;

    private TreeBuilder(Builder builder) {
        this.commits = builder.store.commits();
        this.tree = builder.store.tree();
        this.checkpoints = builder.store.checkpoints();
        this.signer = builder.signer;
        this.policy = builder.policy;
        this.clock = builder.clock;
        this.window = builder.window;
        this.onCheckpoint = builder.onCheckpoint;
    }

    public static Builder builder(LogStore store, LogSigner signer) {
        return new Builder(store, signer);
    }

    /** The number of events the tree holds. */
    public synchronized long size() {
        load();
        return edge.size();
    }

    /** Appends every stored event up to the first position not visible yet; returns the tree's size. */
    public synchronized long catchUp() {
        return appendUntil(Long.MAX_VALUE);
    }

    /**
     * Appends stored events until the tree covers {@code position} (whole commits, so it may end
     * beyond it) or no further event is visible; returns the tree's size.
     */
    public synchronized long appendThrough(long position) {
        load();
        return edge.size() >= position ? edge.size() : appendUntil(position);
    }

    /**
     * Appends the leaves of the given raw commits, as a reader of the event store read them (e.g. the
     * tree's processor reading the store's raw commits), with no second read of them: commits below the
     * tree's size are skipped; positions between the tree's size and the first given commit are read
     * from the store as {@link #catchUp} reads them; a malformed or overlapping commit is refused as when
     * read. Stops at the first position neither given nor visible. Returns the tree's size.
     */
    public synchronized long append(List<RawBsonDocument> commits) {
        load();
        reloadIfAhead(tree.size());
        long from = edge.size() + 1;
        EventScan given = EventScan.ofCommits(from, commits);
        EventScan gap = given.firstCommit() > from
                ? new EventScan(this.commits, from, given.firstCommit(), Math.min(READ_WINDOW, window))
                : null;
        return append(
                () -> {
                    EventScan.Step step = gap == null ? null : gap.next();
                    return step != null ? step : given.next();
                },
                Long.MAX_VALUE);
    }

    /** Signs a checkpoint of the current tree if the policy says one is due. */
    public synchronized Optional<SignedCheckpoint> checkpointIfDue() {
        load();
        reloadIfAhead(tree.size());
        return due(clock.instant()) ? Optional.of(sign()) : Optional.empty();
    }

    /** Signs a checkpoint of the current tree now, or returns the latest if the tree has not grown since. */
    public synchronized SignedCheckpoint checkpoint() {
        load();
        if (last != null && last.size() >= edge.size()) {
            return checkpoints.latest().orElseGet(this::sign);
        }
        return sign();
    }

    private long appendUntil(long target) {
        load();
        reloadIfAhead(tree.size());
        EventScan scan =
                new EventScan(commits, edge.size() + 1, Long.MAX_VALUE, Math.min(READ_WINDOW, firstWindow(target)));
        return append(scan::next, target);
    }

    /** Appends the leaves of the steps until the tree covers {@code target}, the steps end or stall. */
    private long append(Supplier<EventScan.Step> steps, long target) {
        List<Hash> pending = new ArrayList<>();
        boolean stalled = false;
        while (edge.size() + pending.size() < target) {
            EventScan.Step step = steps.get();
            if (step == null) {
                break; // every given position is accounted for
            }
            if (step instanceof EventScan.Commit commit) {
                pending.addAll(commit.leaves());
                if (pending.size() >= window || countDue(edge.size() + pending.size())) {
                    flush(pending);
                }
            } else if (step instanceof EventScan.Malformed malformed) {
                flush(pending);
                throw new StoreIntegrityException(malformed.position(), malformed.reason());
            } else if (step instanceof EventScan.Overlapping overlapping) {
                flush(pending);
                throw new StoreIntegrityException(
                        overlapping.position(), "a commit starts inside an earlier commit: two commits claim it");
            } else {
                stalled = true; // Missing: the next position is not visible yet
                break;
            }
        }
        flush(pending);
        if (stalled && unconfirmed != null) {
            throw new StoreIntegrityException(
                    edge.size() + 1,
                    "the checkpoint of " + unconfirmed.size()
                            + " covers this position, which the store no longer holds");
        }
        if (due(clock.instant())) {
            sign();
        }
        return edge.size();
    }

    /**
     * Positions of the first read: up to the target and a little beyond (the commit may end after
     * it), so a builder driven at the head by a processor asks for the few positions it was told
     * about, not a full window (which would also be read ahead whenever it came back full).
     */
    private int firstWindow(long target) {
        long wanted = target - edge.size() + HEAD_SLACK;
        return wanted <= 0 || wanted >= window ? window : (int) wanted;
    }

    private void flush(List<Hash> pending) {
        if (pending.isEmpty()) {
            return;
        }
        tree.append(edge, pending);
        pending.clear();
        confirmRebuilt();
        if (last == null || countDue(edge.size())) {
            sign();
        }
    }

    private boolean countDue(long size) {
        return size - (last == null ? 0 : last.size()) >= policy.everyEvents();
    }

    private boolean due(Instant now) {
        if (edge.size() == 0 || (last != null && edge.size() <= last.size())) {
            return false;
        }
        return last == null
                || edge.size() - last.size() >= policy.everyEvents()
                || !now.isBefore(last.time().plus(policy.interval()));
    }

    private SignedCheckpoint sign() {
        Hash root = edge.root();
        if (last != null) {
            ConsistencyProof proof = tree.consistencyProof(last.size(), edge.size());
            if (!proof.verify(last.root(), root)) {
                throw new StoreIntegrityException(
                        last.size(),
                        "the tree of " + edge.size() + " events does not extend the checkpoint of " + last.size()
                                + ": refusing to sign it");
            }
        }
        Instant now = clock.instant();
        Instant time = last != null && now.isBefore(last.time()) ? last.time() : now;
        SignedCheckpoint signed = signer.sign(edge.size(), root, time);
        checkpoints.save(signed);
        last = signed.checkpoint();
        try {
            onCheckpoint.accept(signed);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "checkpoint " + last.size() + " stored; its listener failed", e);
        }
        return signed;
    }

    /** Another builder (another instance, before a takeover) went ahead: its edge and latest checkpoint are the ones to extend. */
    private void reloadIfAhead(long stored) {
        if (stored > edge.size()) {
            edge = null;
            last = null;
            load();
        }
    }

    /**
     * The stored size and edge, checked against the latest stored checkpoint. A tree smaller than
     * that checkpoint (its tiles lost, or written by a version that kept the tree another way) is
     * derived data: it is rebuilt from the stored events and must reproduce the checkpoint's root
     * before anything new is signed.
     */
    private void load() {
        if (edge != null) {
            return;
        }
        CompactRange stored = tree.edge(tree.size());
        unconfirmed = null;
        Optional<SignedCheckpoint> latest = checkpoints.latest();
        if (latest.isPresent()) {
            Checkpoint checkpoint = latest.get().checkpoint();
            if (checkpoint.size() > stored.size()) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "The stored tree holds " + stored.size() + " events, the latest checkpoint " + checkpoint.size()
                                + ": rebuilding it from the stored events");
                unconfirmed = checkpoint;
            } else if (!tree.root(checkpoint.size()).equals(checkpoint.root())) {
                throw new StoreIntegrityException(
                        1, "the stored tree no longer gives the root of the checkpoint of " + checkpoint.size());
            }
            last = checkpoint;
        }
        edge = stored;
    }

    /** Once a rebuilt tree reaches the latest checkpoint, it must give that checkpoint's root. */
    private void confirmRebuilt() {
        if (unconfirmed == null || edge.size() < unconfirmed.size()) {
            return;
        }
        if (!tree.root(unconfirmed.size()).equals(unconfirmed.root())) {
            throw new StoreIntegrityException(
                    1,
                    "the tree rebuilt from the stored events does not give the root of the checkpoint of "
                            + unconfirmed.size() + ": events it covers changed");
        }
        unconfirmed = null;
    }

    public static final class Builder {

        private final LogStore store;
        private final LogSigner signer;
        private CheckpointPolicy policy = CheckpointPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private int window = 1000;
        private Consumer<SignedCheckpoint> onCheckpoint = checkpoint -> {};

        private Builder(LogStore store, LogSigner signer) {
            this.store = Objects.requireNonNull(store, "store");
            this.signer = Objects.requireNonNull(signer, "signer");
        }

        public Builder checkpointPolicy(CheckpointPolicy checkpointPolicy) {
            this.policy = Objects.requireNonNull(checkpointPolicy, "checkpointPolicy");
            return this;
        }

        public Builder clock(Clock builderClock) {
            this.clock = Objects.requireNonNull(builderClock, "clock");
            return this;
        }

        /** Positions per read (one query) and leaves per tree write; default 1000. */
        public Builder window(int positions) {
            if (positions < 1) {
                throw new IllegalArgumentException("a window of at least one position");
            }
            this.window = positions;
            return this;
        }

        /** Called with every checkpoint once it is stored (e.g. to publish it); must not block for long. */
        public Builder onCheckpoint(Consumer<SignedCheckpoint> listener) {
            this.onCheckpoint = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public TreeBuilder build() {
            return new TreeBuilder(this);
        }
    }
}
