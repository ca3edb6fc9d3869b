package org.smpledger.app.personaldata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smp.personal-data.*}: where the key-encryption key comes from and where client keys are kept
 * (docs/security.md, "Personal data").
 *
 * @param kek           the key-encryption key
 * @param keyCollection the collection of wrapped client keys
 * @param keyCacheFor   how long an unwrapped client key is kept in memory (another instance may use an
 *                      erased key for at most this long)
 * @param keyCacheCapacity how many clients' keys are kept in memory at most (the least recently used go
 *                      first)
 * @param fingerprintKey the key of request fingerprints (HMAC-SHA256), configured like the KEK; its
 *                      default alias is {@code smp-request-fingerprint}
 */
@ConfigurationProperties(prefix = "smp.personal-data")
public record PersonalDataProperties(
        @DefaultValue Kek kek,
        @DefaultValue("client_keys") String keyCollection,
        @DefaultValue("60s") Duration keyCacheFor,
        @DefaultValue("10000") int keyCacheCapacity,
        @DefaultValue FingerprintKey fingerprintKey) {

    /**
     * One of: {@code base64} (32 bytes, e.g. from the environment variable {@code SMP_PERSONAL_DATA_KEK}),
     * or a PKCS#12 {@code keystore} file with its {@code keystorePassword} and the secret key's
     * {@code alias}. Neither, with the embedded MongoDB: a keystore in the data folder, made at first start.
     */
    public record Kek(
            String base64,
            String keystore,
            String keystorePassword,
            @DefaultValue("smp-kek") String alias) {}

    /** As {@link Kek}, for the key of request fingerprints. */
    public record FingerprintKey(
            String base64,
            String keystore,
            String keystorePassword,
            @DefaultValue("smp-request-fingerprint") String alias) {}
}
