package org.smpledger.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.CheckpointSignatureException;
import org.smpledger.verifier.checkpoint.FormatException;
import org.smpledger.verifier.checkpoint.LogKey;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;

/**
 * What a verifier trusts between runs: the last checkpoint it accepted (a file holding the signed
 * note) and, optionally, its own {@link LeafRecord} of that tree. A new checkpoint is accepted
 * only if it extends the trusted one; the files are replaced atomically, the record first.
 */
public final class TrustedState implements AutoCloseable {

    private final Path checkpointFile;
    private final Path leafRecordFile;
    private final LogKey key;
    private SignedCheckpoint trusted;
    private LeafRecord leaves;

    private TrustedState(Path checkpointFile, Path leafRecordFile, LogKey key) {
        this.checkpointFile = checkpointFile;
        this.leafRecordFile = leafRecordFile;
        this.key = key;
    }

    /**
     * Opens the trusted state; a missing checkpoint file means nothing is trusted yet (the first
     * checkpoint accepted is trusted on first use). {@code leafRecordFile} may be null: no record.
     * A trusted checkpoint the key did not sign, or a record that does not give its root, is refused.
     */
    public static TrustedState open(Path checkpointFile, Path leafRecordFile, LogKey key)
            throws FormatException, IOException {
        TrustedState state = new TrustedState(checkpointFile, leafRecordFile, key);
        boolean recordExists = leafRecordFile != null && Files.exists(leafRecordFile);
        if (!Files.exists(checkpointFile)) {
            if (recordExists) {
                throw new FormatException(leafRecordFile + ": a leaf record without a trusted checkpoint ("
                        + checkpointFile + " does not exist)");
            }
            return state;
        }
        SignedCheckpoint signed = SignedCheckpoint.read(checkpointFile);
        try {
            key.verify(signed);
        } catch (CheckpointSignatureException e) {
            throw new FormatException(
                    checkpointFile + ": the trusted checkpoint does not verify with the log's key: " + e.getMessage());
        }
        state.trusted = signed;
        if (recordExists) {
            LeafRecord record = LeafRecord.open(leafRecordFile);
            Checkpoint checkpoint = signed.checkpoint();
            if (record.size() != checkpoint.size() || !record.root().equals(checkpoint.root())) {
                record.close();
                throw new FormatException(leafRecordFile + ": the leaf record (" + record.size()
                        + " leaves) does not give the root of the trusted checkpoint of " + checkpoint.size());
            }
            state.leaves = record;
        }
        return state;
    }

    public Optional<SignedCheckpoint> checkpoint() {
        return Optional.ofNullable(trusted);
    }

    /** The verifier's own leaves of the trusted tree, if it keeps them. */
    public Optional<LeafRecord> leaves() {
        return Optional.ofNullable(leaves);
    }

    /** Whether accepting a checkpoint also writes a new leaf record. */
    public boolean keepsLeaves() {
        return leafRecordFile != null;
    }

    LeafRecord.Writer newLeafWriter() throws IOException {
        return new LeafRecord.Writer(leafRecordFile);
    }

    /**
     * Makes {@code accepted} the trusted checkpoint (the caller has checked it extends the current
     * one) and, when given, the written leaves its record.
     */
    void accept(SignedCheckpoint accepted, LeafRecord.Writer newLeaves) throws IOException {
        if (newLeaves != null) {
            if (leaves != null) {
                leaves.close();
                leaves = null;
            }
            newLeaves.commit();
        }
        Path temporary = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
        Path parent = checkpointFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(temporary, accepted.text(), StandardCharsets.UTF_8);
        Files.move(temporary, checkpointFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        trusted = accepted;
    }

    @Override
    public void close() throws IOException {
        if (leaves != null) {
            leaves.close();
        }
    }
}
