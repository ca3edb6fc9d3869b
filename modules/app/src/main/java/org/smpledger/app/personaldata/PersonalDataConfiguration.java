package org.smpledger.app.personaldata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.serialization.RevisionResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.eventstore.EventStoreProperties;
import org.smpledger.app.runtime.RuntimeProperties;
import org.smpledger.domain.policy.RetentionPolicy;
import org.smpledger.personaldata.ClientKeys;
import org.smpledger.personaldata.KeyEncryptionKey;
import org.smpledger.personaldata.LocalKeyEncryptionKey;
import org.smpledger.personaldata.PersonalDataReader;
import org.smpledger.personaldata.PlainValuesSealing;
import org.smpledger.personaldata.RequestFingerprints;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.verifier.store.LogStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personal data at rest: the key-encryption key from configuration, the clients' keys in MongoDB, the
 * reader that opens sealed values for the roles that may see them, the retention rules, and the
 * processor that destroys erased clients' keys. The event store's serializer that seals personal values
 * is in {@code ServiceJsonConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PersonalDataProperties.class, RetentionProperties.class})
public class PersonalDataConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfiguration.class);
    /** The embedded default's keystore is protected by its file permissions; this password is public. */
    static final String EMBEDDED_KEYSTORE_PASSWORD = "smp-embedded-keystore";

    @Bean
    KeyEncryptionKey keyEncryptionKey(PersonalDataProperties properties, RuntimeProperties runtime) {
        PersonalDataProperties.Kek kek = properties.kek();
        if (kek.base64() != null && !kek.base64().isBlank()) {
            return LocalKeyEncryptionKey.fromBase64(kek.base64());
        }
        if (kek.keystore() != null && !kek.keystore().isBlank()) {
            if (kek.keystorePassword() == null || kek.keystorePassword().isEmpty()) {
                throw new IllegalStateException("smp.personal-data.kek.keystore-password is required with a keystore");
            }
            return LocalKeyEncryptionKey.fromKeystore(
                    Path.of(kek.keystore()), kek.keystorePassword().toCharArray(), kek.alias());
        }
        if (!runtime.mongodb().uri().isBlank()) {
            throw new IllegalStateException(
                    "With an external MongoDB, configure the key-encryption key of personal data:"
                            + " SMP_PERSONAL_DATA_KEK (32 bytes, base64) or smp.personal-data.kek.keystore and keystore-password"
                            + " (docs/security.md, \"Personal data\").");
        }
        Path file = runtime.dataDir().resolve("keys").resolve("personal-data-kek.p12");
        char[] password = EMBEDDED_KEYSTORE_PASSWORD.toCharArray();
        if (Files.exists(file)) {
            return LocalKeyEncryptionKey.fromKeystore(file, password, kek.alias());
        }
        log.warn(
                "Made a new key-encryption key for personal data at {}. Back it up apart from the data folder:"
                        + " without it no client's personal data can be read.",
                file.toAbsolutePath());
        return LocalKeyEncryptionKey.createKeystore(file, password, kek.alias());
    }

    /**
     * The key of request fingerprints: configured like the KEK ({@code smp.personal-data.fingerprint-key.*}),
     * or, with the embedded MongoDB, {@code <data-dir>/keys/request-fingerprint-key.p12} made at first start.
     * Every instance must have the same one, or a retry reaching another instance is refused.
     */
    @Bean
    RequestFingerprints requestFingerprints(PersonalDataProperties properties, RuntimeProperties runtime) {
        PersonalDataProperties.FingerprintKey configured = properties.fingerprintKey();
        String alias = configured.alias();
        if (configured.base64() != null && !configured.base64().isBlank()) {
            return RequestFingerprints.fromBase64(configured.base64());
        }
        if (configured.keystore() != null && !configured.keystore().isBlank()) {
            if (configured.keystorePassword() == null
                    || configured.keystorePassword().isEmpty()) {
                throw new IllegalStateException(
                        "smp.personal-data.fingerprint-key.keystore-password is required with a keystore");
            }
            return RequestFingerprints.fromKeystore(
                    Path.of(configured.keystore()),
                    configured.keystorePassword().toCharArray(),
                    alias);
        }
        if (!runtime.mongodb().uri().isBlank()) {
            throw new IllegalStateException(
                    "With an external MongoDB, configure the key of request fingerprints: SMP_REQUEST_FINGERPRINT_KEY"
                            + " (32 bytes, base64) or smp.personal-data.fingerprint-key.keystore and keystore-password,"
                            + " the same on every instance (docs/security.md, \"Request fingerprints\").");
        }
        Path file = runtime.dataDir().resolve("keys").resolve("request-fingerprint-key.p12");
        char[] password = EMBEDDED_KEYSTORE_PASSWORD.toCharArray();
        if (Files.exists(file)) {
            return RequestFingerprints.fromKeystore(file, password, alias);
        }
        log.info("Made a new key of request fingerprints at {}.", file.toAbsolutePath());
        return RequestFingerprints.createKeystore(file, password, alias);
    }

    @Bean
    ClientKeys clientKeys(MongoDatabase database, PersonalDataProperties properties, KeyEncryptionKey kek) {
        return new ClientKeys(
                database, properties.keyCollection(), kek, properties.keyCacheFor(), properties.keyCacheCapacity());
    }

    @Bean
    PlainValuesAtStart plainValuesAtStart(
            MongoDatabase database,
            EventStoreProperties eventStore,
            ClientKeys keys,
            ObjectMapper json,
            RevisionResolver revisions,
            ObjectProvider<LogStore> verifiableLog) {
        LogStore log = verifiableLog.getIfAvailable();
        JsonEventSerializer serializer = JsonEventSerializer.on(json, revisions);
        return new PlainValuesAtStart(
                run -> new PlainValuesSealing(
                        database,
                        eventStore.commitCollection(),
                        eventStore.snapshotCollection(),
                        keys,
                        serializer,
                        run),
                log == null ? 0 : log.tree().size());
    }

    @Bean
    PersonalDataReader personalDataReader(ClientKeys keys, ObjectMapper json) {
        return new PersonalDataReader(keys, json);
    }

    @Bean
    RetentionPolicy retentionPolicy(RetentionProperties properties) {
        return properties.toPolicy();
    }

    @Bean
    KeyErasures keyErasures(ClientKeys keys, EventProcessors processors) {
        KeyErasures erasures = new KeyErasures(keys);
        processors.register(ProcessorDefinition.of(KeyErasures.PROCESSOR, erasures));
        return erasures;
    }
}
