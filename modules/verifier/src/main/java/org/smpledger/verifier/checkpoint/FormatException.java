package org.smpledger.verifier.checkpoint;

/** Input (a checkpoint, proof or key, as text or file) that is not in its documented format; the message is one line. */
public class FormatException extends Exception {

    public FormatException(String message) {
        super(message);
    }

    /** The same problem, prefixed with where the input came from. */
    public FormatException in(String source) {
        return new FormatException(source + ": " + getMessage());
    }
}
