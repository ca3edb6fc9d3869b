package org.smpledger.app.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.smpledger.app.security.Role;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Real local users for tests: one per role for each clinic a test names, all with
 * {@value #PASSWORD} (BCrypt, cost 4 to keep tests quick), signing in through the service's own
 * HTTP Basic path. {@code Staff.practitioner("clinic-north").basic()} signs a MockMvc request in as
 * that clinic's practitioner; {@code authorization()} gives the header for a real HTTP client.
 */
public final class Staff {

    public static final String PASSWORD = "staff-password-for-tests";
    private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    private Staff() {}

    /** A user of a clinic with one role. */
    public record Member(String username, String clinic, Role role) {

        public RequestPostProcessor basic() {
            return SecurityMockMvcRequestPostProcessors.httpBasic(username, PASSWORD);
        }

        public String authorization() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Member practitioner(String clinic) {
        return of(Role.PRACTITIONER, clinic);
    }

    public static Member auditor(String clinic) {
        return of(Role.AUDITOR, clinic);
    }

    public static Member analyst(String clinic) {
        return of(Role.ANALYST, clinic);
    }

    public static Member admin(String clinic) {
        return of(Role.CLINIC_ADMIN, clinic);
    }

    public static Member of(Role role, String clinic) {
        return new Member(role.roleName() + "@" + clinic, clinic, role);
    }

    /** {@code smp.security.users} for every role of these clinics, as {@code --key=value} arguments. */
    public static List<String> arguments(String... clinics) {
        List<String> arguments = new ArrayList<>();
        int i = 0;
        for (String clinic : clinics) {
            for (Role role : Role.values()) {
                Member member = of(role, clinic);
                String prefix = "--smp.security.users[" + i++ + "].";
                arguments.add(prefix + "username=" + member.username());
                arguments.add(prefix + "password-hash=" + HASH);
                arguments.add(prefix + "clinic=" + clinic);
                arguments.add(prefix + "roles=" + role.roleName());
            }
        }
        return arguments;
    }

    /** The same users, for a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, String... clinics) {
        for (String argument : arguments(clinics)) {
            String pair = argument.substring(2);
            int equals = pair.indexOf('=');
            registry.add(pair.substring(0, equals), () -> pair.substring(equals + 1));
        }
    }
}
