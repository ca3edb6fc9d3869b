package org.smpledger.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users the service itself knows, read once from configuration ({@code smp.security.users})
 * plus, with demo data on, the demo users. Each is checked at start-up: a password that is not a
 * BCrypt hash, an unknown role, a missing clinic or a name used twice stops the service with a
 * message naming the entry.
 */
public final class LocalUsers {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(0[4-9]|[12]\\d|3[01])\\$[./A-Za-z0-9]{53}$");

    private final Map<String, LocalUser> byName;

    private LocalUsers(Map<String, LocalUser> byName) {
        this.byName = byName;
    }

    public static LocalUsers of(List<IdentityProperties.User> configured, boolean withDemoUsers) {
        List<LocalUser> users = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            users.add(checked(configured.get(i), "smp.security.users[" + i + "]"));
        }
        if (withDemoUsers) {
            users.addAll(DemoUsers.all());
        }
        Map<String, LocalUser> byName = new LinkedHashMap<>();
        for (LocalUser user : users) {
            if (byName.putIfAbsent(user.username(), user) != null) {
                throw new IllegalStateException(
                        "smp.security.users: the username '" + user.username() + "' is used twice");
            }
        }
        return new LocalUsers(byName);
    }

    public Optional<LocalUser> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    public Collection<LocalUser> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public List<LocalUser> ofClinic(String clinicId) {
        return byName.values().stream()
                .filter(user -> user.clinicId().equals(clinicId))
                .toList();
    }

    private static LocalUser checked(IdentityProperties.User user, String where) {
        if (user.username() == null
                || user.username().isBlank()
                || user.username().contains(":")) {
            throw new IllegalStateException(where + ".username must be given and may not contain ':'");
        }
        if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
            throw new IllegalStateException(
                    where + ".password-hash must be a BCrypt hash ($2a$/$2b$/$2y$, cost 04-31), "
                            + "never a plain password: make one with `java -jar smp-app.jar hash-password` (docs/security.md)");
        }
        if (user.clinic() == null || user.clinic().isBlank()) {
            throw new IllegalStateException(where + ".clinic must be given");
        }
        if (user.roles() == null || user.roles().isEmpty()) {
            throw new IllegalStateException(
                    where + ".roles must name at least one of practitioner, auditor, analyst, clinic-admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : user.roles()) {
            roles.add(Role.named(name)
                    .orElseThrow(() -> new IllegalStateException(where + ".roles: unknown role '" + name
                            + "' (practitioner, auditor, analyst, clinic-admin)")));
        }
        return new LocalUser(
                user.username().trim(), user.passwordHash(), user.clinic().trim(), roles);
    }
}
