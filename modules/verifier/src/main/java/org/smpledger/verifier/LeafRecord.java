package org.smpledger.verifier;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.smpledger.verifier.checkpoint.FormatException;
import org.smpledger.verifier.merkle.CompactRange;
import org.smpledger.verifier.merkle.Hash;

/**
 * A verifier's own copy of the leaf hashes of the tree it trusts: 32 bytes per event, in position
 * order, nothing else (1M events: 32 MB). It is written only from leaves whose root matched a
 * signed checkpoint, so it can name the first changed position even when whoever changed the
 * events also rebuilt the service's stored tree.
 */
public final class LeafRecord implements AutoCloseable {

    private static final int BUFFERED_LEAVES = 2048;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFERED_LEAVES * Hash.SIZE);
    private long bufferedFrom = -1;
    private int buffered;

    private LeafRecord(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    public static LeafRecord open(Path file) throws FormatException, IOException {
        long bytes = Files.size(file);
        if (bytes % Hash.SIZE != 0) {
            throw new FormatException(
                    file + ": a leaf record is a whole number of 32-byte hashes, not " + bytes + " bytes");
        }
        return new LeafRecord(FileChannel.open(file, StandardOpenOption.READ), bytes / Hash.SIZE);
    }

    /** The number of leaves recorded. */
    public long size() {
        return size;
    }

    /** The leaf hash of leaf {@code index} (position - 1); fastest when read in order. */
    public Hash leaf(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + size);
        }
        if (index < bufferedFrom || index >= bufferedFrom + buffered) {
            fill(index);
        }
        byte[] hash = new byte[Hash.SIZE];
        buffer.get((int) ((index - bufferedFrom) * Hash.SIZE), hash);
        return Hash.of(hash);
    }

    /** The root of the recorded leaves. */
    public Hash root() {
        CompactRange range = CompactRange.empty();
        for (long i = 0; i < size; i++) {
            range.append(leaf(i));
        }
        return range.root();
    }

    private void fill(long index) {
        buffer.clear();
        buffer.limit((int) Math.min(BUFFERED_LEAVES, size - index) * Hash.SIZE);
        try {
            long at = index * Hash.SIZE;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    throw new IOException("the leaf record ended early");
                }
                at += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bufferedFrom = index;
        buffered = buffer.limit() / Hash.SIZE;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Where a verification puts the leaves it computed, to become a record if they verify. */
    public interface Sink {
        void add(Hash leaf);
    }

    /** Writes leaves to a temporary file beside {@code target}; {@link #commit()} replaces the target atomically. */
    public static final class Writer implements Sink, AutoCloseable {

        private final Path target;
        private final Path temporary;
        private final OutputStream out;

        public Writer(Path target) throws IOException {
            this.target = target;
            this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
            this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
        }

        @Override
        public void add(Hash leaf) {
            try {
                out.write(leaf.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Makes the written leaves the record. */
        public void commit() throws IOException {
            out.close();
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                file.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        /** Drops the written leaves; the record stays as it was. */
        @Override
        public void close() throws IOException {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
