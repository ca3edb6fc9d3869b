package org.smpledger.verifier.leaf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.smpledger.verifier.merkle.Hash;

/**
 * The leaves of one stored commit hashed straight from its BSON bytes: no document tree is built
 * and payload and metadata are fed to SHA-256 where they lie. This is the fast path of every scan
 * of the whole log; {@link CommitDocument} with {@link EventLeaf} stays the definition.
 *
 * <p>It accepts only a commit in exactly the engine's shape with ASCII strings, and then gives the
 * same leaves as {@code CommitDocument.events} and {@code EventLeaf.hash}. Anything else (a fault,
 * a duplicate field, a non-ASCII string, bytes it cannot walk) it declines with {@code null}: the
 * caller then decodes the document and reads it with {@link CommitDocument}, which accepts it or
 * names the fault. One instance per thread (it keeps its digest).
 */
public final class CommitBytes {

    private static final byte DOUBLE_NUL = 0x00;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BINARY = 0x05;
    private static final byte DATE_TIME = 0x09;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;
    private static final byte GENERIC_BINARY = 0x00;

    // event fields, by the bit of their slot
    private static final int ID = 0;
    private static final int TYPE = 1;
    private static final int AGG = 2;
    private static final int SEQ = 3;
    private static final int TS = 4;
    private static final int TSN = 5;
    private static final int PT = 6;
    private static final int PR = 7;
    private static final int P = 8;
    private static final int M = 9;
    private static final int SEQ_TYPE = 10;
    private static final byte[][] EVENT_NAMES = names("id", "type", "agg", "seq", "ts", "tsn", "pt", "pr", "p", "m");

    // commit fields
    private static final int C_ID = 0;
    private static final int C_N = 1;
    private static final int C_POS = 2;
    private static final int C_KEYS = 3;
    private static final int C_IDS = 4;
    private static final int C_EVENTS = 5;
    private static final byte[][] COMMIT_NAMES = names("_id", "n", "pos", "keys", "ids", "events");

    private final MessageDigest digest = sha256();
    private final byte[] scratch = new byte[8];
    /** Per event of the commit being read: where each field's value starts (-1 absent), and its type. */
    private int[][] fields = new int[4][EVENT_NAMES.length + 1];

    private byte[] b;

    /** A commit read from its bytes: the position of its first event and the leaf hash of each event. */
    public record Leaves(long first, Hash[] hashes) {}

    /**
     * The leaves of the commit {@code bytes[offset, offset + length)}, or null to decline (see the
     * class comment).
     */
    public Leaves read(byte[] bytes, int offset, int length) {
        this.b = bytes;
        try {
            return readCommit(offset, length);
        } catch (IndexOutOfBoundsException e) {
            return null; // lengths that do not fit: not a document in the engine's shape
        } finally {
            this.b = null;
        }
    }

    private Leaves readCommit(int offset, int length) {
        int end = offset + length;
        if (length < 5 || int32(offset) != length || b[end - 1] != DOUBLE_NUL) {
            return null;
        }
        int[] at = new int[COMMIT_NAMES.length];
        Arrays.fill(at, -1);
        byte[] types = new byte[COMMIT_NAMES.length];
        int i = offset + 4;
        while (i < end - 1) {
            byte type = b[i++];
            int nameEnd = cstringEnd(i, end);
            int field = match(COMMIT_NAMES, i, nameEnd);
            if (field < 0 || at[field] >= 0) {
                return null;
            }
            i = nameEnd + 1;
            at[field] = i;
            types[field] = type;
            i = skip(type, i, end);
            if (i < 0) {
                return null;
            }
        }
        if (i != end - 1 || at[C_ID] < 0 || at[C_N] < 0 || at[C_POS] < 0 || at[C_IDS] < 0 || at[C_EVENTS] < 0) {
            return null;
        }
        long first = integer(types[C_ID], at[C_ID]);
        long n = integer(types[C_N], at[C_N]);
        if (first < 1 || types[C_EVENTS] != ARRAY || types[C_POS] != ARRAY || types[C_IDS] != ARRAY) {
            return null;
        }
        int count = readEvents(at[C_EVENTS]);
        if (count < 1 || n != count) {
            return null;
        }
        if (!positionsListed(at[C_POS], first, count) || !idsListed(at[C_IDS], count)) {
            return null;
        }
        if (!keysListed(types[C_KEYS], at[C_KEYS], count)) {
            return null;
        }
        Hash[] hashes = new Hash[count];
        for (int e = 0; e < count; e++) {
            hashes[e] = hash(fields[e], first + e);
        }
        return new Leaves(first, hashes);
    }

    /** Fills {@link #fields} for each event of the array at {@code start}; returns the count, or -1. */
    private int readEvents(int start) {
        int end = start + int32(start);
        int i = start + 4;
        int count = 0;
        while (i < end - 1) {
            byte type = b[i++];
            i = cstringEnd(i, end) + 1;
            int next = type == DOCUMENT ? skip(type, i, end) : -1;
            if (next < 0) {
                return -1;
            }
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
            }
            if (fields[count] == null) {
                fields[count] = new int[EVENT_NAMES.length + 1];
            }
            if (!readEvent(i, fields[count])) {
                return -1;
            }
            count++;
            i = next;
        }
        return i == end - 1 && b[i] == DOUBLE_NUL ? count : -1;
    }

    /** Where each field of the event document at {@code start} lies; false unless it has the engine's shape. */
    private boolean readEvent(int start, int[] at) {
        Arrays.fill(at, -1);
        int end = start + int32(start);
        if (b[end - 1] != DOUBLE_NUL) {
            return false;
        }
        int i = start + 4;
        while (i < end - 1) {
            byte type = b[i++];
            int nameEnd = cstringEnd(i, end);
            int field = match(EVENT_NAMES, i, nameEnd);
            if (field < 0 || at[field] >= 0 || !expectedType(field, type)) {
                return false;
            }
            i = nameEnd + 1;
            at[field] = i;
            if (field == SEQ) {
                at[SEQ_TYPE] = type;
            }
            i = skip(type, i, end);
            if (i < 0 || (type == STRING && !ascii(at[field]))) {
                return false;
            }
        }
        if (i != end - 1 || at[ID] < 0 || at[TS] < 0 || at[PT] < 0 || at[P] < 0 || at[M] < 0) {
            return false;
        }
        if ((at[AGG] < 0) != (at[SEQ] < 0) || (at[TYPE] >= 0 && at[AGG] < 0)) {
            return false;
        }
        if (at[SEQ] >= 0 && sequence(at) < 0) {
            return false;
        }
        if (at[TSN] >= 0) {
            int nanos = int32(at[TSN]);
            if (nanos < 1 || nanos > 999_999) {
                return false;
            }
        }
        return b[at[P] + 4] == GENERIC_BINARY && b[at[M] + 4] == GENERIC_BINARY;
    }

    /** The type each event field must have; seq's is checked where it is read (int32 or int64). */
    private static boolean expectedType(int field, byte type) {
        return switch (field) {
            case ID, TYPE, AGG, PT, PR -> type == STRING;
            case SEQ -> type == INT32 || type == INT64;
            case TS -> type == DATE_TIME;
            case TSN -> type == INT32;
            default -> type == BINARY;
        };
    }

    private boolean positionsListed(int start, long first, int count) {
        int end = start + int32(start);
        int i = start + 4;
        int listed = 0;
        while (i < end - 1) {
            byte type = b[i++];
            i = cstringEnd(i, end) + 1;
            if ((type != INT32 && type != INT64) || listed >= count || integer(type, i) != first + listed) {
                return false;
            }
            int next = skip(type, i, end);
            if (next < 0) {
                return false;
            }
            i = next;
            listed++;
        }
        return listed == count;
    }

    private boolean idsListed(int start, int count) {
        int end = start + int32(start);
        int i = start + 4;
        int listed = 0;
        while (i < end - 1) {
            byte type = b[i++];
            i = cstringEnd(i, end) + 1;
            int next = skip(type, i, end);
            if (type != STRING || next < 0 || listed >= count || !sameString(i, fields[listed][ID])) {
                return false;
            }
            i = next;
            listed++;
        }
        return listed == count;
    }

    /** keys: {@code "<agg>:<seq>"} of the stream events in order, absent when there are none. */
    private boolean keysListed(byte type, int start, int count) {
        int streamEvents = 0;
        for (int e = 0; e < count; e++) {
            if (fields[e][AGG] >= 0) {
                streamEvents++;
            }
        }
        if (start < 0) {
            return streamEvents == 0;
        }
        if (type != ARRAY || streamEvents == 0) {
            return false;
        }
        int end = start + int32(start);
        int i = start + 4;
        int e = 0;
        while (i < end - 1) {
            byte elementType = b[i++];
            i = cstringEnd(i, end) + 1;
            while (e < count && fields[e][AGG] < 0) {
                e++;
            }
            int next = skip(elementType, i, end);
            if (elementType != STRING || next < 0 || e >= count || !isKey(i, fields[e])) {
                return false;
            }
            i = next;
            e++;
        }
        while (e < count && fields[e][AGG] < 0) {
            e++;
        }
        return e == count;
    }

    /** Whether the string at {@code at} is {@code agg + ":" + seq} of the event. */
    private boolean isKey(int at, int[] event) {
        int aggLength = int32(event[AGG]) - 1;
        byte[] sequence = Long.toString(sequence(event)).getBytes(StandardCharsets.US_ASCII);
        int length = int32(at) - 1;
        if (length != aggLength + 1 + sequence.length) {
            return false;
        }
        int text = at + 4;
        return Arrays.equals(b, text, text + aggLength, b, event[AGG] + 4, event[AGG] + 4 + aggLength)
                && b[text + aggLength] == ':'
                && Arrays.equals(b, text + aggLength + 1, text + length, sequence, 0, sequence.length);
    }

    private long sequence(int[] event) {
        return integer((byte) event[SEQ_TYPE], event[SEQ]);
    }

    private Hash hash(int[] at, long position) {
        MessageDigest d = digest;
        d.reset();
        d.update((byte) 0x00); // RFC 6962 leaf prefix
        d.update(EventLeaf.VERSION);
        u64(position);
        string(at[ID]);
        optionalString(at[TYPE]);
        optionalString(at[AGG]);
        if (at[SEQ] < 0) {
            d.update((byte) 0);
        } else {
            d.update((byte) 1);
            u64(sequence(at));
        }
        u64(int64(at[TS]));
        u32(at[TSN] < 0 ? 0 : int32(at[TSN]));
        string(at[PT]);
        optionalString(at[PR]);
        binary(at[P]);
        binary(at[M]);
        return Hash.of(d.digest());
    }

    private void string(int at) {
        int length = int32(at) - 1;
        u32(length);
        digest.update(b, at + 4, length);
    }

    private void optionalString(int at) {
        if (at < 0) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            string(at);
        }
    }

    private void binary(int at) {
        int length = int32(at);
        u32(length);
        digest.update(b, at + 5, length);
    }

    private void u32(long value) {
        for (int k = 0; k < 4; k++) {
            scratch[k] = (byte) (value >>> (24 - 8 * k));
        }
        digest.update(scratch, 0, 4);
    }

    private void u64(long value) {
        for (int k = 0; k < 8; k++) {
            scratch[k] = (byte) (value >>> (56 - 8 * k));
        }
        digest.update(scratch, 0, 8);
    }

    /** The end of a value of {@code type} starting at {@code i}, for the types a commit holds; -1 for others. */
    private int skip(byte type, int i, int end) {
        int next = switch (type) {
            case STRING -> {
                int length = int32(i);
                yield length < 1 || b[i + 4 + length - 1] != DOUBLE_NUL ? -1 : i + 4 + length;
            }
            case DOCUMENT, ARRAY -> {
                int length = int32(i);
                yield length < 5 || b[i + length - 1] != DOUBLE_NUL ? -1 : i + length;
            }
            case BINARY -> {
                int length = int32(i);
                yield length < 0 ? -1 : i + 5 + length;
            }
            case DATE_TIME, INT64 -> i + 8;
            case INT32 -> i + 4;
            default -> -1;
        };
        return next > end - 1 ? -1 : next;
    }

    private boolean ascii(int at) {
        int length = int32(at) - 1;
        for (int k = at + 4; k < at + 4 + length; k++) {
            if (b[k] < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameString(int left, int right) {
        int length = int32(left);
        return length == int32(right)
                && Arrays.equals(b, left + 4, left + 4 + length, b, right + 4, right + 4 + length);
    }

    private int cstringEnd(int i, int end) {
        int k = i;
        while (b[k] != 0) {
            k++;
        }
        if (k >= end) {
            throw new IndexOutOfBoundsException(k);
        }
        return k;
    }

    private long integer(byte type, int at) {
        return switch (type) {
            case INT32 -> int32(at);
            case INT64 -> int64(at);
            default -> -1;
        };
    }

    private int int32(int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private long int64(int at) {
        return (int32(at) & 0xffffffffL) | ((long) int32(at + 4)) << 32;
    }

    private int match(byte[][] names, int from, int to) {
        int length = to - from;
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k];
            if (name.length == length && Arrays.equals(b, from, to, name, 0, length)) {
                return k;
            }
        }
        return -1;
    }

    private static byte[][] names(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int k = 0; k < names.length; k++) {
            bytes[k] = names[k].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
