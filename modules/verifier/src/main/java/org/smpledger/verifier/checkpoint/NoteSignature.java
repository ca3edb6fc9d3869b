package org.smpledger.verifier.checkpoint;

/** One signature line of a signed note: {@code — <key name> base64(key id || signature)}. */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    public NoteSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
