package org.smpledger.app.security;

import java.util.List;
import java.util.Set;

/**
 * The demo users, one per role for each of the two demo clinics, present only with demo data on
 * and no identity provider. Their password is {@value #PASSWORD} (published in docs/security.md
 * and the README), so they must never exist in a real deployment; the service says so at start-up.
 */
final class DemoUsers {

    static final String PASSWORD = "smp-demo";
    static final String CLINIC = "demo-clinic";
    static final String SECOND_CLINIC = "demo-clinic-2";

    private DemoUsers() {}

    /** BCrypt (cost 10) hashes of {@value #PASSWORD}, one salt each. */
    static List<LocalUser> all() {
        return List.of(
                user(
                        "demo-practitioner",
                        "$2a$10$5zmI1TgI0h0phVfz6asnq.7bED8sR560VOjFEPPOwzRQHPVukznV.",
                        CLINIC,
                        Role.PRACTITIONER),
                user(
                        "demo-auditor",
                        "$2a$10$zVzQVuVgyqHjQQbfA0LNqejW5cOVPGccEw/qqiPCJL9YTp.lM374S",
                        CLINIC,
                        Role.AUDITOR),
                user(
                        "demo-analyst",
                        "$2a$10$Glk9e9FHzVH1weMrxIg9a.CX0rB3.GqsA/.uM7TIHjwB592n.gDi6",
                        CLINIC,
                        Role.ANALYST),
                user(
                        "demo-admin",
                        "$2a$10$vKE2idkriMwRaFqvHuPQVeDsKwJJ8ggrMFzzycNC0jGCMqiwbsa9G",
                        CLINIC,
                        Role.CLINIC_ADMIN),
                user(
                        "demo2-practitioner",
                        "$2a$10$cqaAcNQ1guBpCN7oEgpET.Fhw0d.4AR6ADJQ8bhMshFojJjlMVgi6",
                        SECOND_CLINIC,
                        Role.PRACTITIONER),
                user(
                        "demo2-auditor",
                        "$2a$10$hU./URNZXWaOl7J9n5VyoutSB.V9MolZTbK7a7QtTI3dD2e.0AiLm",
                        SECOND_CLINIC,
                        Role.AUDITOR),
                user(
                        "demo2-analyst",
                        "$2a$10$5YjPTFjRtPQT4gWhEXG1iOcZYzwKWP72cdxh..7IZsYxOYYsOBdTi",
                        SECOND_CLINIC,
                        Role.ANALYST),
                user(
                        "demo2-admin",
                        "$2a$10$GegObqBqrNj23zxuMbxnlu/q2sDgadMiSu3kGCWXZZVVpC4srzYRe",
                        SECOND_CLINIC,
                        Role.CLINIC_ADMIN));
    }

    private static LocalUser user(String username, String hash, String clinic, Role role) {
        return new LocalUser(username, hash, clinic, Set.of(role));
    }
}
