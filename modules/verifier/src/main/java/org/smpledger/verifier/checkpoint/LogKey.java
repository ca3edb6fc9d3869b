package org.smpledger.verifier.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The public key a verifier trusts: the log's name (the checkpoints' origin) and its Ed25519 key.
 * Its one-line text form is the signed-note verifier key {@code <name>+<key id, 8 hex>+<base64(0x01 || key)>}.
 */
public final class LogKey {

    static final byte ED25519_TYPE = 0x01;

    private final String name;
    private final PublicKey publicKey;
    private final byte[] raw;
    private final int keyId;

    public LogKey(String name, PublicKey publicKey) {
        Checkpoint.checkName(name, "a key name");
        this.name = name;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.raw = Ed25519Keys.raw(publicKey);
        this.keyId = keyId(name, raw);
    }

    /** {@code SHA-256(name || 0x0A || 0x01 || key)[:4]}, big-endian (c2sp.org/signed-note, Ed25519). */
    static int keyId(String name, byte[] raw) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519_TYPE);
            sha256.update(raw);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static LogKey parse(String verifierKey) throws FormatException {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new FormatException(
                    "a verifier key is '<name>+<key id>+<base64 key>', not " + Checkpoint.quoted(verifierKey));
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new FormatException("the verifier key's key is not base64");
        }
        if (typed.length != 33 || typed[0] != ED25519_TYPE) {
            throw new FormatException("the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
        }
        LogKey key;
        try {
            key = new LogKey(parts[0], Ed25519Keys.fromRaw(Arrays.copyOfRange(typed, 1, 33)));
        } catch (IllegalArgumentException e) {
            throw new FormatException("the verifier key's name: " + e.getMessage());
        }
        if (!parts[1].equals(String.format("%08x", key.keyId))) {
            throw new FormatException("the verifier key's id " + parts[1] + " does not match its name and key");
        }
        return key;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The one-line form to hand to auditors. */
    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519_TYPE;
        System.arraycopy(raw, 0, typed, 1, 32);
        return name + "+" + String.format("%08x", keyId) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * The checkpoint, if this key signed it: its origin is this key's name, and every signature
     * line with this key's name and id verifies (there must be at least one). Other signatures
     * (witnesses, other keys) are ignored, as the signed-note specification requires.
     */
    public Checkpoint verify(SignedCheckpoint note) throws CheckpointSignatureException {
        Checkpoint checkpoint = note.checkpoint();
        if (!checkpoint.origin().equals(name)) {
            throw new CheckpointSignatureException(
                    "the checkpoint is from log '" + checkpoint.origin() + "', the key is for '" + name + "'");
        }
        List<NoteSignature> ours = note.signatures().stream()
                .filter(s -> s.keyName().equals(name) && s.keyId() == keyId)
                .toList();
        if (ours.isEmpty()) {
            throw new CheckpointSignatureException("the checkpoint is not signed by the key of '" + name + "' (key id "
                    + HexFormat.of().toHexDigits(keyId) + ")");
        }
        for (NoteSignature signature : ours) {
            if (!verifies(checkpoint.body(), signature)) {
                throw new CheckpointSignatureException(
                        "the signature of '" + name + "' on the checkpoint is not valid");
            }
        }
        return checkpoint;
    }

    /** Whether this key made {@code signature} over the note text {@code noteText}. */
    boolean verifies(String noteText, NoteSignature signature) {
        if (!signature.keyName().equals(name) || signature.keyId() != keyId) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(noteText.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature.signature());
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an Ed25519 key the runtime refuses", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogKey that && name.equals(that.name) && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return verifierKey();
    }
}
