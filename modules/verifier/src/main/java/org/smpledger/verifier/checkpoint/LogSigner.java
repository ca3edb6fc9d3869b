package org.smpledger.verifier.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import org.smpledger.verifier.merkle.Hash;

/** Signs the log's checkpoints with the deployment's Ed25519 key; the key name is the log's origin. */
public final class LogSigner {

    private final PrivateKey privateKey;
    private final LogKey key;

    public LogSigner(String origin, PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.key = new LogKey(origin, Ed25519Keys.publicKeyOf(privateKey));
    }

    /** What auditors need to verify this signer's checkpoints. */
    public LogKey key() {
        return key;
    }

    public String origin() {
        return key.name();
    }

    public SignedCheckpoint sign(long size, Hash root, Instant time) {
        return sign(new Checkpoint(key.name(), size, root, time));
    }

    public SignedCheckpoint sign(Checkpoint checkpoint) {
        if (!checkpoint.origin().equals(key.name())) {
            throw new IllegalArgumentException(
                    "this signer signs checkpoints of '" + key.name() + "', not '" + checkpoint.origin() + "'");
        }
        return new SignedCheckpoint(checkpoint, List.of(signText(checkpoint.body())));
    }

    /** The signed-note signature (RFC 8032 Ed25519 over the UTF-8 note text) of any note text. */
    NoteSignature signText(String noteText) {
        try {
            Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(noteText.getBytes(StandardCharsets.UTF_8));
            return new NoteSignature(key.name(), key.keyId(), signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the log's Ed25519 key", e);
        }
    }
}
