package org.smpledger.app.security;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, as authenticated: the user, their clinic and roles, and how they were
 * authenticated ({@link #LOCAL} for the service's own users, else the token's issuer). The only
 * source of the actor, role and clinic of what the service records and of what a request may see.
 */
public record StaffMember(String userId, String clinicId, Set<Role> roles, String authenticatedBy)
        implements Serializable {

    /** {@code authenticatedBy} of a user the service itself knows (HTTP Basic against local users). */
    public static final String LOCAL = "local";

    public StaffMember {
        roles = Set.copyOf(roles);
    }

    /** The first of this member's roles (in {@link Role}'s order) that {@code admitted} lists. */
    public Optional<Role> actingAs(Role... admitted) {
        return Arrays.stream(Role.values())
                .filter(roles::contains)
                .filter(role -> Arrays.asList(admitted).contains(role))
                .findFirst();
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether personal data (name, birth date, contact, personal notes) is opened for this member: for
     * practitioners and clinic-admins only (auditors and analysts read the record without it).
     */
    public boolean maySeePersonalDetails() {
        return is(Role.PRACTITIONER) || is(Role.CLINIC_ADMIN);
    }
}
