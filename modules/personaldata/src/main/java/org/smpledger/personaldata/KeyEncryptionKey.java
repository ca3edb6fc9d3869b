package org.smpledger.personaldata;

/**
 * The key that wraps every client's key before it is stored. Where a cloud KMS is used (AWS KMS,
 * Google Cloud KMS, Azure Key Vault, HashiCorp Vault Transit), an implementation calls its
 * encrypt/decrypt operations here, passing {@code clientId} as the encryption context /
 * additional authenticated data, and the key-encryption key never leaves the KMS. The service's
 * own implementation is {@link LocalKeyEncryptionKey} (a keystore file or a key in the environment).
 */
public interface KeyEncryptionKey {

    /** Names the key-encryption key (stored beside each wrapped key, so a rotation can tell old from new). */
    String id();

    /** {@code clientKey} wrapped, bound to {@code clientId}. */
    byte[] wrap(byte[] clientKey, String clientId);

    /**
     * The client key.
     *
     * @throws PersonalDataUnreadable when {@code wrapped} was not wrapped by this key for this client
     */
    byte[] unwrap(byte[] wrapped, String clientId);
}
