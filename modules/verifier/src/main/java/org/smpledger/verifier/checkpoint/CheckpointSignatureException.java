package org.smpledger.verifier.checkpoint;

/** A checkpoint that the log's key did not sign (no signature from it, or one that does not verify). */
public class CheckpointSignatureException extends Exception {

    public CheckpointSignatureException(String message) {
        super(message);
    }
}
