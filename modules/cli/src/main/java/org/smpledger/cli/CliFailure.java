package org.smpledger.cli;

/** A failure the user can act on: one line on stderr and a distinct exit code (see {@link ExitCodes}). */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.BAD_USAGE, message);
    }

    public static CliFailure notFound(String message) {
        return new CliFailure(ExitCodes.NOT_FOUND, message);
    }

    /** A message as one line, at most 300 characters. */
    public static String oneLineOf(String message) {
        return oneLine(message);
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
