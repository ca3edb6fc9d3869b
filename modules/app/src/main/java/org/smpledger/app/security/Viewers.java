package org.smpledger.app.security;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.smpledger.web.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in staff member as the pages show them. */
public final class Viewers {

    private Viewers() {}

    /** The current request's viewer, or null when nobody is signed in. */
    public static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof StaffMember member
                ? of(member)
                : null;
    }

    public static Viewer of(StaffMember member) {
        return new Viewer(
                member.userId(),
                member.clinicId(),
                Arrays.stream(Role.values())
                        .filter(member::is)
                        .map(Role::roleName)
                        .collect(Collectors.joining(", ")),
                member.is(Role.PRACTITIONER),
                member.is(Role.AUDITOR),
                member.is(Role.ANALYST),
                member.is(Role.CLINIC_ADMIN),
                member.maySeePersonalDetails());
    }
}
