package org.smpledger.verifier.checkpoint;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 keys with the JDK's own EdDSA provider (no third-party cryptography). */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519 (Java 15 and later have it)", e);
        }
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no direct call for it, but its key pair
     * generator derives the public key from 32 random bytes, the private key's seed: handing it
     * exactly those bytes gives back the same pair.
     */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey edPrivate)
                || !ALGORITHM.equalsIgnoreCase(edPrivate.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + privateKey.getAlgorithm());
        }
        byte[] seed = edPrivate
                .getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key's bytes cannot be read"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("the Java runtime's Ed25519 generator did not use the seed");
            }
            return pair.getPublic();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The 32-byte RFC 8032 encoding of a public key. */
    public static byte[] raw(PublicKey publicKey) {
        if (!(publicKey instanceof EdECPublicKey)
                || !ALGORITHM.equalsIgnoreCase(
                        ((EdECPublicKey) publicKey).getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + publicKey.getAlgorithm());
        }
        byte[] encoded = publicKey.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** The public key with this 32-byte RFC 8032 encoding. */
    public static PublicKey fromRaw(byte[] raw) throws FormatException {
        if (raw.length != 32) {
            throw new FormatException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, 32);
        return fromSpki(encoded);
    }

    static PublicKey fromSpki(byte[] encoded) throws FormatException {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
            raw(key);
            return key;
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            throw new FormatException("not an Ed25519 public key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519", e);
        }
    }

    /** Hands out the given bytes once: the key pair generator asks for exactly 32. */
    private static final class SeedRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " bytes, expected " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
