package org.smpledger.app.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: its principal is the {@link StaffMember}, its authorities the member's roles. */
public final class StaffAuthentication extends AbstractAuthenticationToken {

    private final StaffMember member;

    public StaffAuthentication(StaffMember member) {
        super(member.roles().stream()
                .sorted()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList());
        this.member = member;
        setAuthenticated(true);
    }

    @Override
    public StaffMember getPrincipal() {
        return member;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return member.userId();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaffAuthentication that && member.equals(that.member);
    }

    @Override
    public int hashCode() {
        return member.hashCode();
    }
}
