package org.smpledger.app.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the service (docs/security.md, "Roles"), each the authority {@code ROLE_<name>}. */
public enum Role {
    /** Records treatment and reads its own clinic's records. */
    PRACTITIONER("practitioner"),
    /** Reads everything of its clinic, raw events and the access log included; cannot write. */
    AUDITOR("auditor"),
    /** Pseudonymous reads only: never a name, birth date or contact. */
    ANALYST("analyst"),
    /** Clinic policy, lot recall, projection replay, the clinic's local users. */
    CLINIC_ADMIN("clinic-admin");

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    /** The name in configuration, tokens, events and the OpenAPI document. */
    public String roleName() {
        return roleName;
    }

    public String authority() {
        return "ROLE_" + roleName;
    }

    public static Optional<Role> named(String name) {
        return Arrays.stream(values())
                .filter(role -> role.roleName.equals(name == null ? null : name.trim()))
                .findFirst();
    }
}
