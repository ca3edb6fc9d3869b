package org.smpledger.verifier;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.CheckpointSignatureException;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.LogKey;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.EventLeaf;
import org.smpledger.verifier.leaf.MalformedCommitException;
import org.smpledger.verifier.leaf.StoredEvent;
import org.smpledger.verifier.merkle.CompactRange;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.MissingNodeException;
import org.smpledger.verifier.store.CommitReader;
import org.smpledger.verifier.store.EventScan;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.StoredTree;

/**
 * Checks the treatment log against checkpoints, trusting nothing but the log's public key and
 * the checkpoints it verifies: it recomputes the tree from the raw commit documents. The
 * service's stored tree is used only where a proof from it is checked against a signed root
 * (so a changed tree cannot make a fault pass), or to name where a fault is.
 */
public final class LogVerifier {

    /** Commits per batch of the whole-log read, and positions per read of stored leaves. */
    public static final int DEFAULT_WINDOW = 1000;

    /** Stands in for the leaf of a position that has no well-formed event; never a real leaf hash. */
    private static final Hash ABSENT = Hash.of(new byte[Hash.SIZE]);

    private final CommitReader commits;
    private final StoredTree tree;
    private final LogKey key;
    private final int window;
    private final LongConsumer progress;

    public LogVerifier(LogStore store, LogKey key) {
        this(store.commits(), store.tree(), key, DEFAULT_WINDOW, position -> {});
    }

    /**
     * A verifier without a store: it checks signatures, proofs given to it and events given to it
     * ({@link #checkConsistency} with a proof, {@link #checkInclusion} with an event, {@link #trust}
     * with a proof).
     */
    public static LogVerifier offline(LogKey key) {
        return new LogVerifier(null, null, key, DEFAULT_WINDOW, position -> {});
    }

    private LogVerifier(CommitReader commits, StoredTree tree, LogKey key, int window, LongConsumer progress) {
        this.commits = commits;
        this.tree = tree;
        this.key = key;
        this.window = window;
        this.progress = progress;
    }

    /** The same verifier reading {@code positions} per query (default {@value #DEFAULT_WINDOW}). */
    public LogVerifier window(int positions) {
        if (positions < 1) {
            throw new IllegalArgumentException("a window of at least one position");
        }
        return new LogVerifier(commits, tree, key, positions, progress);
    }

    /**
     * The same verifier telling {@code checked} how far a whole-log verification got: the last
     * position recomputed, after every window (on the verifying thread; it must return quickly).
     */
    public LogVerifier progress(LongConsumer checked) {
        return new LogVerifier(commits, tree, key, window, Objects.requireNonNull(checked, "checked"));
    }

    /** The checkpoint's signature, then every event of its tree, recomputed from the raw store. */
    public VerificationReport verify(SignedCheckpoint checkpoint) {
        try {
            return verify(checkpoint, null);
        } catch (IOException e) {
            throw new IllegalStateException("no files are written without a trusted state", e);
        }
    }

    /**
     * As {@link #verify(SignedCheckpoint)}, and the checkpoint must extend the one {@code trusted}
     * holds (no rollback, no split view). The trusted state's leaf record, if it keeps one, names
     * changed positions even when the stored tree was rebuilt. When everything verifies, the
     * checkpoint becomes the trusted one (and the leaves its record).
     */
    public VerificationReport verify(SignedCheckpoint checkpoint, TrustedState trusted) throws IOException {
        requireStore("the store to verify");
        Checkpoint claimed = checkpoint.checkpoint();
        String subject = "events 1.." + claimed.size() + " against checkpoint " + claimed.origin() + " size "
                + claimed.size() + " of " + claimed.time();
        VerificationReport.Faults faults = new VerificationReport.Faults();
        try {
            key.verify(checkpoint);
        } catch (CheckpointSignatureException e) {
            faults.add(FaultKind.BAD_SIGNATURE, 0, e.getMessage());
            return faults.report(subject);
        }
        Checkpoint trustedCheckpoint = trusted == null
                ? null
                : trusted.checkpoint().map(SignedCheckpoint::checkpoint).orElse(null);
        if (trustedCheckpoint != null && claimed.size() < trustedCheckpoint.size()) {
            faults.add(
                    FaultKind.ROLLBACK,
                    claimed.size() + 1,
                    "the checkpoint holds " + claimed.size() + " events, the trusted one " + trustedCheckpoint.size()
                            + ": events " + (claimed.size() + 1) + ".." + trustedCheckpoint.size()
                            + " are gone from it");
        }
        LeafRecord record = trusted == null ? null : trusted.leaves().orElse(null);
        LeafRecord.Writer newRecord = trusted != null && trusted.keepsLeaves() ? trusted.newLeafWriter() : null;
        try {
            long trustedSize = trustedCheckpoint == null ? -1 : trustedCheckpoint.size();
            Scan scan = scan(claimed, record, trustedSize, newRecord);
            scan.faults.forEach(fault -> faults.add(fault.kind(), fault.position(), fault.detail()));
            if (!scan.root.equals(claimed.root())) {
                locate(claimed, scan, faults);
            }
            if (trustedCheckpoint != null && claimed.size() >= trustedCheckpoint.size()) {
                checkExtends(trustedCheckpoint, claimed, scan, faults);
            }
            VerificationReport report = faults.report(subject);
            if (report.verified() && trusted != null) {
                trusted.accept(checkpoint, newRecord);
                newRecord = null;
            }
            return report;
        } finally {
            if (newRecord != null) {
                newRecord.close();
            }
        }
    }

    /**
     * Makes {@code newer} the trusted checkpoint if the log's key signed it and it extends the
     * trusted one (by {@code proof}, else a proof from the stored tree), without recomputing the
     * tree. A trusted state that keeps a leaf record needs {@link #verify(SignedCheckpoint, TrustedState)}.
     */
    public VerificationReport trust(SignedCheckpoint newer, TrustedState trusted, ConsistencyProof proof)
            throws IOException {
        if (trusted.keepsLeaves()) {
            throw new IllegalArgumentException("a leaf record is kept by verify, which recomputes every leaf");
        }
        Checkpoint claimed = newer.checkpoint();
        String subject = "checkpoint " + claimed.origin() + " size " + claimed.size() + " as the trusted one";
        VerificationReport.Faults faults = new VerificationReport.Faults();
        try {
            key.verify(newer);
        } catch (CheckpointSignatureException e) {
            faults.add(FaultKind.BAD_SIGNATURE, 0, e.getMessage());
            return faults.report(subject);
        }
        Optional<SignedCheckpoint> current = trusted.checkpoint();
        if (current.isPresent()) {
            Checkpoint from = current.get().checkpoint();
            extensionFault(from, claimed, proof)
                    .ifPresent(kind -> faults.add(
                            kind,
                            kind == FaultKind.ROLLBACK ? claimed.size() + 1 : 0,
                            kind == FaultKind.ROLLBACK
                                    ? "the checkpoint holds " + claimed.size() + " events, the trusted one "
                                            + from.size()
                                    : "no consistency proof leads from the trusted checkpoint of " + from.size()
                                            + " to it"));
        }
        VerificationReport report = faults.report(subject);
        if (report.verified()) {
            trusted.accept(newer, null);
        }
        return report;
    }

    /**
     * Whether {@code newer} extends {@code older}: both signed by the log's key, and a consistency
     * proof (the given one, else one from the stored tree) leads from one root to the other. A
     * smaller newer tree is a rollback; the same size with another root, or a proof that fails, a
     * split view.
     */
    public VerificationReport checkConsistency(SignedCheckpoint older, SignedCheckpoint newer, ConsistencyProof proof) {
        Checkpoint from = older.checkpoint();
        Checkpoint to = newer.checkpoint();
        String subject = "checkpoint size " + to.size() + " extends checkpoint size " + from.size();
        VerificationReport.Faults faults = new VerificationReport.Faults();
        for (SignedCheckpoint signed : List.of(older, newer)) {
            try {
                key.verify(signed);
            } catch (CheckpointSignatureException e) {
                faults.add(
                        FaultKind.BAD_SIGNATURE,
                        0,
                        "checkpoint size " + signed.checkpoint().size() + ": " + e.getMessage());
            }
        }
        if (!faults.isEmpty()) {
            return faults.report(subject);
        }
        Optional<FaultKind> fault = extensionFault(from, to, proof);
        fault.ifPresent(kind -> faults.add(
                kind,
                kind == FaultKind.ROLLBACK ? to.size() + 1 : 0,
                kind == FaultKind.ROLLBACK
                        ? "the newer checkpoint holds fewer events (" + to.size() + ") than the older (" + from.size()
                                + ")"
                        : "no consistency proof leads from the older root to the newer: history was rewritten"));
        return faults.report(subject);
    }

    /** Whether {@code event} (the stored one at the bundle's position when null) is in the bundle's checkpoint. */
    public VerificationReport checkInclusion(InclusionBundle bundle, StoredEvent event) {
        Checkpoint checkpoint = bundle.checkpoint().checkpoint();
        String subject = "event at position " + bundle.position() + " in checkpoint size " + checkpoint.size();
        VerificationReport.Faults faults = new VerificationReport.Faults();
        try {
            key.verify(bundle.checkpoint());
        } catch (CheckpointSignatureException e) {
            faults.add(FaultKind.BAD_SIGNATURE, 0, e.getMessage());
            return faults.report(subject);
        }
        StoredEvent checked = event;
        if (checked == null) {
            requireStore("an event to check");
            Optional<StoredEvent> stored = readEvent(bundle.position());
            if (stored.isEmpty()) {
                faults.add(FaultKind.MISSING_EVENT, bundle.position(), "no well-formed commit holds this position");
                return faults.report(subject);
            }
            checked = stored.get();
        }
        if (checked.position() != bundle.position()) {
            faults.add(
                    FaultKind.PROOF_FAILED,
                    bundle.position(),
                    "the proof is for position " + bundle.position() + ", the event is at " + checked.position());
        } else if (!bundle.proof().verify(EventLeaf.hash(checked), checkpoint.root())) {
            faults.add(
                    FaultKind.PROOF_FAILED,
                    bundle.position(),
                    "the event and the proof do not lead to the checkpoint's root: the event or the proof was changed");
        }
        return faults.report(subject);
    }

    /** The well-formed event stored at {@code position} (one exact-key read of the commit holding it). */
    public Optional<StoredEvent> readEvent(long position) {
        requireStore("the store to read events");
        return commits.holding(position).flatMap(commit -> {
            try {
                return CommitDocument.events(commit).stream()
                        .filter(event -> event.position() == position)
                        .findFirst();
            } catch (MalformedCommitException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<FaultKind> extensionFault(Checkpoint from, Checkpoint to, ConsistencyProof proof) {
        if (to.size() < from.size()) {
            return Optional.of(FaultKind.ROLLBACK);
        }
        if (to.size() == from.size()) {
            return to.root().equals(from.root()) ? Optional.empty() : Optional.of(FaultKind.SPLIT_VIEW);
        }
        if (proof == null) {
            requireStore("a consistency proof");
        }
        ConsistencyProof checked = proof != null ? proof : storedConsistencyProof(from.size(), to.size());
        if (checked == null
                || checked.fromSize() != from.size()
                || checked.toSize() != to.size()
                || !checked.verify(from.root(), to.root())) {
            return Optional.of(FaultKind.SPLIT_VIEW);
        }
        return Optional.empty();
    }

    private void requireStore(String what) {
        if (tree == null) {
            throw new IllegalStateException("a verifier without a store needs " + what);
        }
    }

    private ConsistencyProof storedConsistencyProof(long from, long to) {
        try {
            return tree.consistencyProof(from, to);
        } catch (MissingNodeException | IllegalArgumentException e) {
            return null;
        }
    }

    private void checkExtends(Checkpoint trusted, Checkpoint claimed, Scan scan, VerificationReport.Faults faults) {
        if (claimed.size() == trusted.size()) {
            if (!claimed.root().equals(trusted.root())) {
                faults.add(
                        FaultKind.SPLIT_VIEW,
                        0,
                        "the trusted checkpoint of the same size has another root: the log signed two histories");
            }
            return;
        }
        ConsistencyProof proof = storedConsistencyProof(trusted.size(), claimed.size());
        if (proof != null && proof.verify(trusted.root(), claimed.root())) {
            return;
        }
        if (trusted.root().equals(scan.rootAtTrustedSize) && claimed.root().equals(scan.root)) {
            return; // both roots recomputed from the same stored events
        }
        if (claimed.root().equals(scan.root)) {
            faults.add(
                    FaultKind.SPLIT_VIEW,
                    0,
                    "the store gives the checkpoint's root but not the trusted checkpoint's: the log signed a rewritten"
                            + " history");
        } else {
            faults.add(
                    FaultKind.SPLIT_VIEW,
                    0,
                    "nothing shows the checkpoint extends the trusted one of " + trusted.size()
                            + " (no consistency proof from the stored tree, and the store gives neither root)");
        }
    }

    /** Pass 1: every position 1..n from the raw store, the root, and the faults a scan can name by itself. */
    private Scan scan(Checkpoint claimed, LeafRecord record, long trustedSize, LeafRecord.Sink sink) {
        Scan result = new Scan();
        CompactRange range = CompactRange.empty();
        long recorded = record == null ? 0 : Math.min(record.size(), claimed.size());
        Leaves leaves = new Leaves(claimed.size(), result.faults);
        try {
            scanInto(result, range, leaves, claimed, record, recorded, trustedSize, sink);
        } finally {
            leaves.close();
        }
        if (trustedSize == 0) {
            result.rootAtTrustedSize = range.root();
        }
        if (result.firstAltered > 0) {
            result.faults.add(new Fault(
                    FaultKind.ALTERED_EVENT,
                    result.firstAltered,
                    "the stored event's leaf differs from the verifier's own record of the trusted tree"));
        }
        result.root = range.root();
        return result;
    }

    private void scanInto(
            Scan result,
            CompactRange range,
            Leaves leaves,
            Checkpoint claimed,
            LeafRecord record,
            long recorded,
            long trustedSize,
            LeafRecord.Sink sink) {
        for (long position = 1; position <= claimed.size(); position++) {
            Hash leaf = leaves.next();
            if (position <= recorded
                    && result.firstAltered == 0
                    && leaf != ABSENT
                    && !leaf.equals(record.leaf(position - 1))) {
                result.firstAltered = position;
            }
            range.append(leaf);
            if (position % window == 0) {
                progress.accept(position);
            }
            if (sink != null) {
                sink.add(leaf);
            }
            if (position == trustedSize) {
                result.rootAtTrustedSize = range.root();
            }
        }
        leaves.finish();
        progress.accept(claimed.size());
    }

    /**
     * Pass 2, when the root does not match and the verifier's own record did not say where: the
     * stored tree's leaves, if together they give the signed root, are the signed leaves, so the
     * first stored event whose leaf differs from its stored leaf is the first altered one. If the
     * stored leaves do not give the signed root (the tree was changed too), the fault stays unlocated.
     */
    private void locate(Checkpoint claimed, Scan scan, VerificationReport.Faults faults) {
        if (scan.firstAltered > 0) {
            return; // the record named it, and every position before it matches
        }
        long first = firstAlteredBySignedLeaves(claimed);
        if (first > 0) {
            faults.add(
                    FaultKind.ALTERED_EVENT,
                    first,
                    "the stored event's leaf differs from the leaf the signed tree holds at this position");
        } else if (faults.isEmpty()) {
            faults.add(
                    FaultKind.ROOT_MISMATCH,
                    0,
                    first == 0
                            ? "the stored events do not give the checkpoint's root"
                            : "the stored events do not give the checkpoint's root, and the stored tree was changed"
                                    + " too, so the first changed position cannot be named (a verifier that keeps a"
                                    + " leaf record can name it)");
        }
    }

    /**
     * The first position whose stored event differs from the stored tree's leaf, if the stored
     * leaves give the signed root; 0 if they do and no event differs; -1 if they do not.
     */
    private long firstAlteredBySignedLeaves(Checkpoint claimed) {
        long size = claimed.size();
        if (tree.size() < size) {
            return -1;
        }
        try (Leaves leaves = new Leaves(size, null)) {
            return firstAlteredBySignedLeaves(claimed, leaves);
        }
    }

    private long firstAlteredBySignedLeaves(Checkpoint claimed, Leaves leaves) {
        long size = claimed.size();
        CompactRange signed = CompactRange.empty();
        long first = 0;
        for (long from = 1; from <= size; from += window) {
            int count = (int) Math.min(window, size - from + 1);
            Map<Long, Hash> stored = tree.leafHashes(from - 1, count);
            for (long position = from; position < from + count; position++) {
                Hash leaf = leaves.next();
                Hash expected = stored.get(position - 1);
                if (expected == null) {
                    return -1;
                }
                signed.append(expected);
                if (first == 0 && leaf != ABSENT && !leaf.equals(expected)) {
                    first = position;
                }
            }
        }
        return signed.root().equals(claimed.root()) ? first : -1;
    }

    /**
     * The leaf of every position 1..size in order, from one scan of the raw store: the event's
     * leaf, or {@link #ABSENT} where no well-formed event is. Reports faults as it meets them.
     */
    private final class Leaves implements AutoCloseable {

        private final long size;
        private final List<Fault> faults;
        private final EventScan scan;
        private final ArrayDeque<Hash> buffered = new ArrayDeque<>();
        private long handedOut;
        private long missingFrom;
        private long missingTo;

        Leaves(long size, List<Fault> faults) {
            this.size = size;
            this.faults = faults;
            this.scan = EventScan.wholeLog(commits, size + 1, window);
        }

        Hash next() {
            while (buffered.isEmpty()) {
                EventScan.Step step = scan.next();
                if (step == null) {
                    buffered.add(ABSENT); // a scan accounts for every position; this is a safety net
                } else {
                    take(step);
                }
            }
            handedOut++;
            return buffered.poll();
        }

        /** Reports what the scan found after the last position (commits overlapping the last ones). */
        void finish() {
            for (EventScan.Step step = scan.next(); step != null; step = scan.next()) {
                take(step);
            }
            closeMissingRun();
        }

        @Override
        public void close() {
            scan.close();
        }

        private void take(EventScan.Step step) {
            if (!(step instanceof EventScan.Missing)) {
                closeMissingRun();
            }
            long next = handedOut + buffered.size() + 1;
            if (step instanceof EventScan.Commit commit) {
                buffered.addAll(commit.leaves());
            } else if (step instanceof EventScan.Missing missing) {
                long to = Math.min(missing.to(), size);
                if (missingFrom == 0) {
                    missingFrom = missing.from();
                }
                missingTo = to;
                for (long position = missing.from(); position <= to; position++) {
                    buffered.add(ABSENT);
                }
            } else if (step instanceof EventScan.Malformed malformed) {
                report(new Fault(FaultKind.MALFORMED_COMMIT, malformed.position(), malformed.reason()));
                for (long position = next; position < Math.min(malformed.end(), size + 1); position++) {
                    buffered.add(ABSENT);
                }
            } else if (step instanceof EventScan.Overlapping overlapping) {
                report(new Fault(
                        FaultKind.OVERLAPPING_COMMIT,
                        overlapping.position(),
                        "a second commit starts at a position an earlier commit holds"));
            }
        }

        private void closeMissingRun() {
            if (missingFrom > 0) {
                report(new Fault(
                        FaultKind.MISSING_EVENT,
                        missingFrom,
                        missingFrom == missingTo
                                ? "no commit holds this position"
                                : "no commit holds positions " + missingFrom + ".." + missingTo));
                missingFrom = 0;
            }
        }

        private void report(Fault fault) {
            if (faults != null) {
                faults.add(fault);
            }
        }
    }

    private static final class Scan {
        final List<Fault> faults = new ArrayList<>();
        Hash root;
        Hash rootAtTrustedSize;
        long firstAltered;
    }
}
