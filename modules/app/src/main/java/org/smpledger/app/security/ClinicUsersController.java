package org.smpledger.app.security;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinic-admins and their clinic's local users: who they are, which roles they hold, whether one
 * is locked after failed sign-ins, and lifting a lock. Users themselves come from configuration
 * (docs/security.md); with an identity provider the list is empty and users are managed there.
 */
@RestController
class ClinicUsersController {

    /** A local user as its clinic-admin sees it (never the hash). */
    record ClinicUser(String username, Set<String> roles, int recentFailures, Instant lockedUntil) {}

    private final LocalUsers users;
    private final SignInLockout lockout;
    private final Clock clock;

    ClinicUsersController(LocalUsers users, SignInLockout lockout, Clock clock) {
        this.users = users;
        this.lockout = lockout;
        this.clock = clock;
    }

    @GetMapping("/api/admin/users")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(summary = "The clinic's local users with their roles and lock state")
    List<ClinicUser> users(@AuthenticationPrincipal StaffMember caller) {
        Instant now = clock.instant();
        return users.ofClinic(caller.clinicId()).stream()
                .map(user -> {
                    SignInLockout.Standing standing = lockout.standing(user.username());
                    return new ClinicUser(
                            user.username(),
                            user.roles().stream().map(Role::roleName).collect(Collectors.toCollection(TreeSet::new)),
                            standing.failures(),
                            standing.lockedAt(now) ? standing.lockedUntil() : null);
                })
                .toList();
    }

    @PostMapping("/api/admin/users/{username}/unlock")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(summary = "Lift a lock after failed sign-ins (and clear the count); 204")
    ResponseEntity<Void> unlock(@PathVariable String username, @AuthenticationPrincipal StaffMember caller) {
        LocalUser user = users.find(username)
                .filter(found -> found.clinicId().equals(caller.clinicId()))
                .orElseThrow(() -> new ProblemException(Problems.unknownRecord(username)));
        lockout.unlock(user.username());
        AccessAttempt.current().ifPresent(attempt -> attempt.read("user", username, caller.clinicId(), "unlock"));
        return ResponseEntity.noContent().build();
    }
}
