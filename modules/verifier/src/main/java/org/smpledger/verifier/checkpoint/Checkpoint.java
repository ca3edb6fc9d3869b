package org.smpledger.verifier.checkpoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.smpledger.verifier.merkle.Hash;

/**
 * A tree head of the verifiable log: the tree of the first {@code size} events has root
 * {@code root}, as of {@code time}. Its text (the body a {@link SignedCheckpoint} signs) follows
 * c2sp.org/tlog-checkpoint with one extension line for the time:
 * <pre>
 * &lt;origin&gt;
 * &lt;size, decimal&gt;
 * &lt;root, base64&gt;
 * time &lt;yyyy-MM-ddTHH:mm:ss.SSSZ, UTC&gt;
 * </pre>
 */
public record Checkpoint(String origin, long size, Hash root, Instant time) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String TIME_PREFIX = "time ";

    public Checkpoint {
        checkName(origin, "an origin");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(time, "time");
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative: " + size);
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The signed text: four lines, each ending in a newline. */
    public String body() {
        return origin + "\n" + size + "\n" + root.base64() + "\n" + TIME_PREFIX + TIME.format(time) + "\n";
    }

    static Checkpoint parseBody(String body) throws FormatException {
        String[] lines = body.split("\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty()) {
            throw new FormatException("a checkpoint has 4 lines (origin, tree size, root hash, time) before the"
                    + " blank line, not " + (lines.length - 1));
        }
        String origin = lines[0];
        try {
            checkName(origin, "an origin");
        } catch (IllegalArgumentException e) {
            throw new FormatException("line 1: " + e.getMessage());
        }
        long size = decimal(lines[1], 2, "tree size");
        Hash root;
        try {
            root = Hash.fromBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new FormatException("line 3: the root hash is " + e.getMessage());
        }
        if (!lines[3].startsWith(TIME_PREFIX)) {
            throw new FormatException("line 4: expected 'time <UTC time>', found " + quoted(lines[3]));
        }
        Instant time;
        try {
            time = TIME.parse(lines[3].substring(TIME_PREFIX.length()), Instant::from);
        } catch (DateTimeParseException e) {
            throw new FormatException("line 4: the time is not yyyy-MM-ddTHH:mm:ss.SSSZ: "
                    + quoted(lines[3].substring(TIME_PREFIX.length())));
        }
        return new Checkpoint(origin, size, root, time);
    }

    static long decimal(String text, int line, String what) throws FormatException {
        if (text.isEmpty()
                || text.length() > 19
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new FormatException("line " + line + ": the " + what
                    + " is not a decimal number without leading zeros: " + quoted(text));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormatException("line " + line + ": the " + what + " is too large: " + quoted(text));
        }
    }

    /** Key names and origins: non-empty, no spaces, no '+', no control characters (signed-note rules). */
    static void checkName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " is not empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " has no spaces, '+' or control characters: " + quoted(name));
            }
        }
    }

    /** For messages: at most 60 characters, control characters escaped, so a message stays one line. */
    static String quoted(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                escaped.append("\\n");
            } else if (Character.isISOControl(c)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        String shown = escaped.length() <= 60 ? escaped.toString() : escaped.substring(0, 57) + "...";
        return '"' + shown + '"';
    }
}
