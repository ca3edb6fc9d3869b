package org.smpledger.treatmentlog;

/** A question about the log that cannot be answered as asked: the parameter, what is wrong, and whether it names nothing. */
public final class AuditRefusal extends RuntimeException {

    /** Why: the request is malformed, names something the log does not hold, or must wait for a running verification. */
    public enum Reason {
        INVALID,
        NOT_FOUND,
        BUSY
    }

    private final Reason reason;
    private final String parameter;

    public AuditRefusal(Reason reason, String parameter, String message) {
        super(message);
        this.reason = reason;
        this.parameter = parameter;
    }

    public Reason reason() {
        return reason;
    }

    /** The query parameter at fault; null when none is. */
    public String parameter() {
        return parameter;
    }
}
