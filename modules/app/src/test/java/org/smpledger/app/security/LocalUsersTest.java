package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Local users are checked once at start-up: never a plain password, only known roles, a clinic, no name twice. */
class LocalUsersTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("correct horse battery");

    @Test
    void aConfiguredUserIsFoundWithItsClinicAndRoles() {
        LocalUsers users = LocalUsers.of(
                List.of(new IdentityProperties.User("anna", HASH, "clinic-north", List.of("practitioner", "auditor"))),
                false);
        assertThat(users.find("anna")).get().satisfies(anna -> {
            assertThat(anna.clinicId()).isEqualTo("clinic-north");
            assertThat(anna.roles()).containsExactlyInAnyOrder(Role.PRACTITIONER, Role.AUDITOR);
        });
        assertThat(users.find("bob")).isEmpty();
        assertThat(users.ofClinic("clinic-south")).isEmpty();
    }

    @Test
    void aPlainPasswordStopsTheServiceNamingTheEntryAndHowToMakeAHash() {
        assertThatThrownBy(() -> LocalUsers.of(
                        List.of(new IdentityProperties.User(
                                "anna", "secret123", "clinic-north", List.of("practitioner"))),
                        false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("smp.security.users[0].password-hash must be a BCrypt hash")
                .hasMessageContaining("hash-password");
    }

    @Test
    void anUnknownRoleAMissingClinicOrANameUsedTwiceStopTheService() {
        assertThatThrownBy(() -> LocalUsers.of(
                        List.of(new IdentityProperties.User("anna", HASH, "clinic-north", List.of("receptionist"))),
                        false))
                .hasMessageContaining("unknown role 'receptionist'");
        assertThatThrownBy(() -> LocalUsers.of(
                        List.of(new IdentityProperties.User("anna", HASH, " ", List.of("practitioner"))), false))
                .hasMessageContaining("smp.security.users[0].clinic must be given");
        assertThatThrownBy(() -> LocalUsers.of(
                        List.of(
                                new IdentityProperties.User("anna", HASH, "clinic-north", List.of("practitioner")),
                                new IdentityProperties.User("anna", HASH, "clinic-south", List.of("auditor"))),
                        false))
                .hasMessageContaining("'anna' is used twice");
        assertThatThrownBy(() -> LocalUsers.of(
                        List.of(new IdentityProperties.User("an:na", HASH, "clinic-north", List.of("practitioner"))),
                        false))
                .hasMessageContaining("may not contain ':'");
    }

    @Test
    void demoUsersArePresentOnlyWithDemoDataOneForEachRoleOfEachDemoClinic() {
        assertThat(LocalUsers.of(List.of(), false).isEmpty()).isTrue();
        LocalUsers demo = LocalUsers.of(List.of(), true);
        for (String clinic : List.of(DemoUsers.CLINIC, DemoUsers.SECOND_CLINIC)) {
            assertThat(demo.ofClinic(clinic)).flatExtracting(LocalUser::roles).containsExactlyInAnyOrder(Role.values());
        }
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        assertThat(demo.all())
                .allSatisfy(user -> assertThat(bcrypt.matches(DemoUsers.PASSWORD, user.passwordHash()))
                        .as(user.username())
                        .isTrue());
    }
}
