package org.smpledger.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;

class ClientKeyCacheTest {

    private static final MongoClient MONGO = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = MONGO.getDatabase(TestMongo.freshDatabaseName("keycache"));
    private final CountingKek kek = new CountingKek();

    @AfterAll
    static void close() {
        MONGO.close();
    }

    @Test
    void theCacheHoldsAtMostItsCapacityAndEveryKeyStillReads() {
        ClientKeys keys = new ClientKeys(database, ClientKeys.DEFAULT_COLLECTION, kek, Duration.ofHours(1), 3);
        SecretKey[] written = new SecretKey[10];
        for (int i = 0; i < 10; i++) {
            written[i] = keys.forWriting("client-" + i, "clinic-1");
        }
        assertThat(keys.cachedClients()).isBetween(1L, 3L);

        ClientKeys reading = new ClientKeys(database, ClientKeys.DEFAULT_COLLECTION, kek, Duration.ofHours(1), 3);
        int before = kek.unwraps.get();
        reading.stateOf("client-0");
        reading.stateOf("client-0");
        assertThat(kek.unwraps.get()).as("the second read comes from memory").isEqualTo(before + 1);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                assertThat(((ClientKeys.Active) reading.stateOf("client-" + i)).key())
                        .isEqualTo(written[i]);
            }
            assertThat(reading.cachedClients()).isBetween(1L, 3L);
        }
    }

    @Test
    void anErasedKeyIsNotServedFromTheCache() {
        ClientKeys keys = new ClientKeys(database, ClientKeys.DEFAULT_COLLECTION, kek, Duration.ofHours(1), 100);
        keys.forWriting("client-erased", "clinic-1");
        assertThat(keys.stateOf("client-erased")).isInstanceOf(ClientKeys.Active.class);

        keys.shred("client-erased", Instant.parse("2026-11-30T10:00:00Z"));

        assertThat(keys.stateOf("client-erased")).isInstanceOf(ClientKeys.Erased.class);
        assertThatThrownBy(() -> keys.forWriting("client-erased")).isInstanceOf(ClientKeys.ClientErased.class);
    }

    @Test
    void aReadThatBeganBeforeAnErasureDoesNotPutTheDestroyedKeyBack() throws Exception {
        new ClientKeys(database, kek).forWriting("client-racing", "clinic-1");
        ClientKeys keys = new ClientKeys(database, ClientKeys.DEFAULT_COLLECTION, kek, Duration.ofHours(1), 100);
        kek.holdNextUnwrap();

        // the read has found the active key's document and is unwrapping it when the erasure happens
        CompletableFuture<ClientKeys.KeyState> read =
                CompletableFuture.supplyAsync(() -> keys.stateOf("client-racing"));
        assertThat(kek.unwrapping.await(10, TimeUnit.SECONDS)).isTrue();
        keys.shred("client-racing", Instant.parse("2026-11-30T10:00:00Z"));
        kek.release.countDown();
        read.get(10, TimeUnit.SECONDS);

        assertThat(keys.stateOf("client-racing")).isInstanceOf(ClientKeys.Erased.class);
        assertThatThrownBy(() -> keys.forWriting("client-racing")).isInstanceOf(ClientKeys.ClientErased.class);
    }

    @Test
    void withoutACacheEveryReadGoesToTheStore() {
        ClientKeys keys = new ClientKeys(database, ClientKeys.DEFAULT_COLLECTION, kek, Duration.ZERO, 100);
        SecretKey key = keys.forWriting("client-uncached", "clinic-1");
        int before = kek.unwraps.get();
        assertThat(((ClientKeys.Active) keys.stateOf("client-uncached")).key()).isEqualTo(key);
        assertThat(((ClientKeys.Active) keys.stateOf("client-uncached")).key()).isEqualTo(key);
        assertThat(kek.unwraps.get()).isEqualTo(before + 2);
        assertThat(keys.cachedClients()).isZero();
    }

    /** The local KEK, counting unwraps, and able to hold one unwrap until released. */
    private static final class CountingKek implements KeyEncryptionKey {
        private final LocalKeyEncryptionKey local =
                LocalKeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        final AtomicInteger unwraps = new AtomicInteger();
        volatile boolean hold;
        final CountDownLatch unwrapping = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void holdNextUnwrap() {
            hold = true;
        }

        @Override
        public String id() {
            return local.id();
        }

        @Override
        public byte[] wrap(byte[] clientKey, String clientId) {
            return local.wrap(clientKey, clientId);
        }

        @Override
        public byte[] unwrap(byte[] wrapped, String clientId) {
            unwraps.incrementAndGet();
            if (hold) {
                hold = false;
                unwrapping.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return local.unwrap(wrapped, clientId);
        }
    }
}
