package org.smpledger.app.security;

import java.util.Set;

/** A user the service itself knows: name, BCrypt hash, clinic and roles. */
public record LocalUser(String username, String passwordHash, String clinicId, Set<Role> roles) {

    public LocalUser {
        roles = Set.copyOf(roles);
    }

    StaffMember asStaffMember() {
        return new StaffMember(username, clinicId, roles, StaffMember.LOCAL);
    }
}
