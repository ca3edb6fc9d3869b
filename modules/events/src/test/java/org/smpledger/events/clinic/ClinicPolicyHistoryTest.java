package org.smpledger.events.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicPolicyHistoryTest {

    private static final ClinicRules DEPLOYMENT = rules(7);
    private static final Instant JAN = Instant.parse("2026-01-10T09:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    static ClinicRules rules(int minimumDaysBetween) {
        return new ClinicRules(
                new ClinicRules.PatchTests(48, 48),
                new ClinicRules.Sessions(minimumDaysBetween, 4),
                new ClinicRules.Density(1.0, 1.0, 0.5, 0.5, 0.85),
                9,
                true,
                "UTC",
                List.of(),
                3,
                new ClinicRules.Reporting("US-TX", 5, List.of()));
    }

    private static ClinicPolicyAdopted adopted(int version, Instant adoptedAt, Instant effectiveFrom, int days) {
        return new ClinicPolicyAdopted(
                "clinic-north",
                ClinicPolicyAdopted.policyIdOf("clinic-north", version),
                version,
                adoptedAt,
                "admin-1",
                effectiveFrom,
                rules(days),
                "our own interval");
    }

    @Test
    void beforeAnyAdoptionTheDeploymentsConfigurationIsVersionZero() {
        ClinicPolicyHistory.InForce inForce = new ClinicPolicyHistory("clinic-north", DEPLOYMENT).inForceAt(JAN);

        assertThat(inForce.version()).isZero();
        assertThat(inForce.rules()).isEqualTo(DEPLOYMENT);
        assertThat(inForce.label())
                .isEqualTo("the deployment's default policy (v0: clinic-north had adopted none of its own)");
    }

    @Test
    void aPolicyIsInForceFromItsEffectiveDateAndALaterVersionReplacesIt() {
        ClinicPolicyHistory history = ClinicPolicyHistory.of(
                "clinic-north",
                DEPLOYMENT,
                List.of(adopted(1, JAN, JAN, 14), adopted(2, JAN.plusSeconds(3600), MAR, 10)));

        assertThat(history.inForceAt(JAN.minusSeconds(1)).version()).isZero();
        assertThat(history.inForceAt(JAN).rules().sessions().minimumDaysBetween())
                .isEqualTo(14);
        assertThat(history.inForceAt(MAR.minusSeconds(1)).version()).isEqualTo(1);
        assertThat(history.inForceAt(MAR).version()).isEqualTo(2);
        assertThat(history.inForceAt(MAR).label())
                .isEqualTo(
                        "policy v2 of clinic-north (adopted by admin-1 on 2026-01-10T10:00:00Z, in force from 2026-03-01T00:00:00Z)");
        assertThat(history.latestVersion()).isEqualTo(2);
        assertThat(ClinicPolicyEvent.streamIdOf("clinic-north")).isEqualTo("clinic-policy:clinic-north");
    }
}
