package org.smpledger.verifier.leaf;

/**
 * A stored commit document that is not in the shape the event store writes: a field missing,
 * unexpected or of the wrong type, or index fields ({@code n}, {@code pos}, {@code ids},
 * {@code keys}) that disagree with the events. Such a document cannot be turned into leaves.
 */
public class MalformedCommitException extends Exception {

    private final long position;

    public MalformedCommitException(long position, String reason) {
        super(reason);
        this.position = position;
    }

    /** The global position of the first event the fault concerns. */
    public long position() {
        return position;
    }
}
