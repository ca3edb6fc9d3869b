package org.smpledger.verifier.store;

/**
 * The store holds something the tree must not be built over, or the tree no longer matches what
 * it signed: a malformed or overlapping commit, events that changed after the tree took them in.
 * The builder stops at the first such position and keeps refusing until someone looks.
 */
public class StoreIntegrityException extends RuntimeException {

    private final long position;

    public StoreIntegrityException(long position, String message) {
        super("position " + position + ": " + message);
        this.position = position;
    }

    public long position() {
        return position;
    }
}
