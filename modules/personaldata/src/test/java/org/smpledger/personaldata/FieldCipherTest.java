package org.smpledger.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each thread reuses its own cipher: values sealed and opened on many threads at once stay each their own. */
class FieldCipherTest {

    @Test
    void sealingAndOpeningOnManyThreadsAtOnceGivesBackEveryValueWithAFreshNonceEach() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Callable<List<String>> work = () -> {
                    List<String> nonces = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        SecretKey key = new SecretKeySpec(
                                new byte[] {
                                    (byte) thread,
                                    (byte) i,
                                    1,
                                    2,
                                    3,
                                    4,
                                    5,
                                    6,
                                    7,
                                    8,
                                    9,
                                    10,
                                    11,
                                    12,
                                    13,
                                    14,
                                    15,
                                    16,
                                    17,
                                    18,
                                    19,
                                    20,
                                    21,
                                    22,
                                    23,
                                    24,
                                    25,
                                    26,
                                    27,
                                    28,
                                    29,
                                    30
                                },
                                "AES");
                        byte[] place = ("client-" + thread + "|T|notes").getBytes(StandardCharsets.UTF_8);
                        byte[] plain = ("value " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] sealed = FieldCipher.seal(key, plain, place);
                        assertThat(FieldCipher.open(key, sealed, place)).isEqualTo(plain);
                        byte[] other = ("client-x|T|notes").getBytes(StandardCharsets.UTF_8);
                        assertThatThrownBy(() -> FieldCipher.open(key, sealed, other))
                                .isInstanceOf(PersonalDataUnreadable.class);
                        nonces.add(HexFormat.of().formatHex(sealed, 1, 13));
                    }
                    return nonces;
                };
                results.add(threads.submit(work));
            }
            Set<String> nonces = new HashSet<>();
            int count = 0;
            for (Future<List<String>> result : results) {
                List<String> each = result.get();
                count += each.size();
                nonces.addAll(each);
            }
            assertThat(nonces).hasSize(count);
        } finally {
            threads.shutdownNow();
        }
    }
}
