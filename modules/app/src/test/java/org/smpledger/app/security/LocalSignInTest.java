package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signing in a local user: BCrypt once per verified-sign-in TTL, always BCrypt for a refusal (unknown
 * user, locked user) so time tells nothing, and the lock after repeated failures, kept in MongoDB
 * so that another instance sees it.
 */
class LocalSignInTest {

    private static final String PASSWORD = "correct horse battery";
    private static final IdentityProperties.Lockout LOCKOUT =
            new IdentityProperties.Lockout(3, Duration.ofMinutes(15), Duration.ofMinutes(10), "sign_in_failures");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private MongoClient client;
    private MongoCollection<Document> failures;
    private LocalSignIn signIn;

    @BeforeEach
    void start() {
        client = MongoClients.create(TestMongo.connectionString());
        failures = client.getDatabase(TestMongo.freshDatabaseName("signin")).getCollection("sign_in_failures");
        signIn = instance();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** One instance of the service: its own memory of verified sign-ins, the shared lockout collection. */
    private LocalSignIn instance() {
        BCryptPasswordEncoder real = new BCryptPasswordEncoder(4);
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return real.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return real.matches(raw, encoded);
            }
        };
        LocalUsers users = LocalUsers.of(
                List.of(new IdentityProperties.User(
                        "anna", real.encode(PASSWORD), "clinic-north", List.of("practitioner"))),
                false);
        return new LocalSignIn(
                users,
                new SignInLockout(failures, LOCKOUT, clock),
                new VerifiedSignIns(Duration.ofSeconds(60), 100, clock),
                clock,
                counting);
    }

    private Authentication signIn(LocalSignIn instance, String username, String password) {
        return instance.authenticate(new UsernamePasswordAuthenticationToken(username, password));
    }

    private SignInRefused.Reason refused(LocalSignIn instance, String username, String password) {
        return catchThrowableOfType(SignInRefused.class, () -> signIn(instance, username, password))
                .reason();
    }

    @Test
    void theRightPasswordAdmitsTheUserAsStaffOfItsClinicAndIsCheckedWithBcryptOncePerTtl() {
        Authentication first = signIn(signIn, "anna", PASSWORD);
        assertThat(first.getPrincipal())
                .isEqualTo(new StaffMember("anna", "clinic-north", java.util.Set.of(Role.PRACTITIONER), "local"));
        assertThat(first.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_practitioner");
        for (int i = 0; i < 10; i++) {
            signIn(signIn, "anna", PASSWORD);
        }
        assertThat(bcryptChecks).as("one BCrypt check, then memory").hasValue(1);

        clock.advance(Duration.ofSeconds(61));
        signIn(signIn, "anna", PASSWORD);
        assertThat(bcryptChecks).as("checked again once the TTL passed").hasValue(2);
    }

    @Test
    void aRefusalCostsABcryptCheckWhetherTheUserExistsOrNotAndIsNeverRemembered() {
        assertThat(refused(signIn, "nobody", PASSWORD)).isEqualTo(SignInRefused.Reason.UNKNOWN_USER);
        assertThat(refused(signIn, "anna", "wrong")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        assertThat(refused(signIn, "anna", "wrong")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        assertThat(bcryptChecks).hasValue(3);
        assertThat(failures.countDocuments(new Document("_id", "nobody")))
                .as("nothing is stored for a name nobody has")
                .isZero();
    }

    @Test
    void repeatedFailuresLockTheUserEvenAgainstTheRightPasswordOnEveryInstanceUntilTheLockEnds() {
        signIn(signIn, "anna", PASSWORD);
        LocalSignIn otherInstance = instance();
        signIn(otherInstance, "anna", PASSWORD);

        assertThat(refused(signIn, "anna", "wrong-1")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        assertThat(refused(signIn, "anna", "wrong-2")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        assertThat(refused(signIn, "anna", "wrong-3")).isEqualTo(SignInRefused.Reason.LOCKED_NOW);

        assertThat(refused(signIn, "anna", PASSWORD))
                .as("this instance forgot the verified sign-in when it locked the user")
                .isEqualTo(SignInRefused.Reason.LOCKED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(refused(otherInstance, "anna", PASSWORD))
                .as("another instance sees the lock in MongoDB once its remembered sign-in has expired")
                .isEqualTo(SignInRefused.Reason.LOCKED);

        clock.advance(Duration.ofMinutes(5));
        assertThat(refused(signIn, "anna", "wrong-4"))
                .as("attempts while locked are refused and do not extend the lock")
                .isEqualTo(SignInRefused.Reason.LOCKED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(signIn(signIn, "anna", PASSWORD).getName()).isEqualTo("anna");
    }

    @Test
    void failuresOutsideTheWindowStartCountingAgainAndASuccessClearsThem() {
        refused(signIn, "anna", "wrong-1");
        refused(signIn, "anna", "wrong-2");
        clock.advance(Duration.ofMinutes(16));
        assertThat(refused(signIn, "anna", "wrong-3"))
                .as("the window passed: this is the first failure of a new one")
                .isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        refused(signIn, "anna", "wrong-4");
        signIn(signIn, "anna", PASSWORD);
        assertThat(refused(signIn, "anna", "wrong-5")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
        assertThat(refused(signIn, "anna", "wrong-6")).isEqualTo(SignInRefused.Reason.BAD_CREDENTIALS);
    }

    @Test
    void aClinicAdminLiftsALock() {
        refused(signIn, "anna", "wrong-1");
        refused(signIn, "anna", "wrong-2");
        refused(signIn, "anna", "wrong-3");
        new SignInLockout(failures, LOCKOUT, clock).unlock("anna");
        assertThat(signIn(signIn, "anna", PASSWORD).getName()).isEqualTo("anna");
    }
}
