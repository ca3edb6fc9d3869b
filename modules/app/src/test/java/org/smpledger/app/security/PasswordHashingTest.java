package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@code hash-password}: a BCrypt hash the service accepts, or one line on stderr and exit code 2. */
class PasswordHashingTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return PasswordHashing.run(
                args,
                null,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordReadFromStandardInputBecomesAHashTheServiceAcceptsAndNothingElseIsPrinted() {
        assertThat(run("a long passphrase\n", "--cost=10")).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(hash).startsWith("$2a$10$").hasSize(60).doesNotContain("passphrase");
        assertThat(new BCryptPasswordEncoder().matches("a long passphrase", hash))
                .isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        LocalUsers users = LocalUsers.of(
                java.util.List.of(
                        new IdentityProperties.User("anna", hash, "clinic-north", java.util.List.of("auditor"))),
                false);
        assertThat(users.find("anna")).isPresent();
    }

    @Test
    void aShortPasswordABadCostOrAnUnknownArgumentIsOneLineAndExitCode2() {
        assertThat(run("short\n")).isEqualTo(2);
        assertThat(run("a long passphrase\n", "--cost=4")).isEqualTo(2);
        assertThat(run("a long passphrase\n", "--rounds=12")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("hash-password: "));
    }
}
