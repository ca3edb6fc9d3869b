package org.smpledger.app.security;

import com.mongodb.MongoException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs in a local user from HTTP Basic credentials. Credentials verified within the last
 * {@code smp.security.verified-sign-in-ttl} are admitted from memory ({@link VerifiedSignIns});
 * otherwise the BCrypt check runs, always, even for an unknown or a locked user (against a
 * stand-in hash), so that the time of an answer tells nothing about either. A locked user is
 * refused even with the right password; a wrong password counts towards the lock.
 */
final class LocalSignIn implements AuthenticationProvider {

    /** A hash of nothing anyone knows, to spend the same time on an unknown user as on a known one. */
    private static final String STAND_IN = "$2a$10$hHPpzVqxuOKGSnO3T.yoseD2tcUCal9jliS77vqbWVjs6Fuv5zWhi";

    private final LocalUsers users;
    private final SignInLockout lockout;
    private final VerifiedSignIns verified;
    private final Clock clock;
    private final PasswordEncoder bcrypt;

    LocalSignIn(LocalUsers users, SignInLockout lockout, VerifiedSignIns verified, Clock clock) {
        this(users, lockout, verified, clock, new BCryptPasswordEncoder());
    }

    LocalSignIn(
            LocalUsers users, SignInLockout lockout, VerifiedSignIns verified, Clock clock, PasswordEncoder bcrypt) {
        this.users = users;
        this.lockout = lockout;
        this.verified = verified;
        this.clock = clock;
        this.bcrypt = bcrypt;
    }

    @Override
    public Authentication authenticate(Authentication credentials) {
        String username = credentials.getName();
        String password = credentials.getCredentials() == null
                ? ""
                : credentials.getCredentials().toString();
        String key = verified.keyOf(username, password);
        Optional<StaffMember> known = verified.find(key);
        if (known.isPresent()) {
            return new StaffAuthentication(known.get());
        }
        Optional<LocalUser> user = users.find(username);
        SignInLockout.Standing standing;
        try {
            standing = lockout.standing(username);
        } catch (MongoException e) {
            throw new SignInRefused(SignInRefused.Reason.SIGN_IN_UNAVAILABLE, user.orElse(null));
        }
        boolean matches =
                bcrypt.matches(password, user.map(LocalUser::passwordHash).orElse(STAND_IN));
        if (user.isEmpty()) {
            throw new SignInRefused(SignInRefused.Reason.UNKNOWN_USER, null);
        }
        if (standing.lockedAt(clock.instant())) {
            throw new SignInRefused(SignInRefused.Reason.LOCKED, user.get());
        }
        if (!matches) {
            boolean lockedNow;
            try {
                lockedNow = lockout.failed(username).isPresent();
            } catch (MongoException e) {
                throw new SignInRefused(SignInRefused.Reason.SIGN_IN_UNAVAILABLE, user.get());
            }
            if (lockedNow) {
                verified.forget(username);
                throw new SignInRefused(SignInRefused.Reason.LOCKED_NOW, user.get());
            }
            throw new SignInRefused(SignInRefused.Reason.BAD_CREDENTIALS, user.get());
        }
        if (standing.failures() > 0) {
            lockout.succeeded(username);
        }
        StaffMember member = user.get().asStaffMember();
        verified.remember(key, member);
        return new StaffAuthentication(member);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
