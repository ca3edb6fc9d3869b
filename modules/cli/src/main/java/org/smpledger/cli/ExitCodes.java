package org.smpledger.cli;

/**
 * The exit codes of every {@code smp} command (documented in docs/operations.md). 1, 2 and 3 mean
 * what they mean for {@code smp-verifier}, which {@code smp verify} runs.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** {@code verify}: the log does not verify. */
    public static final int VERIFICATION_FAILED = 1;
    /** A bad argument or option, or malformed input. */
    public static final int BAD_USAGE = 2;
    /** The database or data folder cannot be reached or opened, or an input file cannot be read. */
    public static final int STORE_UNAVAILABLE = 3;
    /** No such projection, client or event type in the store. */
    public static final int NOT_FOUND = 4;
    /** DuckDB refused the SQL query. */
    public static final int QUERY_FAILED = 5;
    /** The output file cannot be written. */
    public static final int OUTPUT_FAILED = 6;
    /** {@code replay}: a running service processes the projection in the target database. */
    public static final int TARGET_IN_USE = 7;
    /** Anything unforeseen (a bug): the message, and the stack trace with {@code --debug}. */
    public static final int INTERNAL_ERROR = 70;
    /** Stopped by Ctrl-C; {@code replay} resumes where it stopped when run again. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
