package org.smpledger.verifier;

/**
 * One fault: its kind, the first global position it concerns (0 when it has none, e.g. a bad
 * signature or an unlocated root mismatch) and a one-line explanation.
 */
public record Fault(FaultKind kind, long position, String detail) {

    public boolean located() {
        return position > 0;
    }

    /** One line: {@code altered event at position 57: ...}. */
    public String line() {
        return kind.words() + (located() ? " at position " + position : "") + ": " + detail;
    }
}
