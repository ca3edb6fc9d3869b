package org.smpledger.app.personaldata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.runtime.RuntimeProperties;
import org.smpledger.domain.policy.RetentionPolicy;
import org.smpledger.personaldata.ClientKeys;
import org.smpledger.personaldata.KeyEncryptionKey;
import org.smpledger.personaldata.LocalKeyEncryptionKey;
import org.smpledger.personaldata.PersonalDataReader;
import org.smpledger.processing.EventProcessors;
import org.smpledger.processing.ProcessorDefinition;
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

    @Bean
    ClientKeys clientKeys(MongoDatabase database, PersonalDataProperties properties, KeyEncryptionKey kek) {
        return new ClientKeys(database, properties.keyCollection(), kek, properties.keyCacheFor(), 10_000);
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
