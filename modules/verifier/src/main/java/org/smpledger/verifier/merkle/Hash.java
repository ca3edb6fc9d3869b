package org.smpledger.verifier.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value: a leaf hash, a node hash or a tree root. Immutable. */
public final class Hash {

    public static final int SIZE = 32;

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of exactly {@value #SIZE} bytes. */
    public static Hash of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash has " + SIZE + " bytes, not " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    static Hash wrap(byte[] digest) {
        return new Hash(digest);
    }

    /** Standard base64 (RFC 4648 section 4) of 32 bytes, as in checkpoints and proofs. */
    public static Hash fromBase64(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + abbreviated(text));
        }
        if (decoded.length != SIZE
                || !Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new IllegalArgumentException("not the base64 of a " + SIZE + "-byte hash: " + abbreviated(text));
        }
        return new Hash(decoded);
    }

    public static Hash fromHex(String text) {
        return of(HexFormat.of().parseHex(text));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, SIZE);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash hash && Arrays.equals(bytes, hash.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? '"' + text + '"' : '"' + text.substring(0, 57) + "...\"";
    }
}
