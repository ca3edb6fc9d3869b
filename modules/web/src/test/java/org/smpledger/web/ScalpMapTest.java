package org.smpledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.risk.ClientRisk;

class ScalpMapTest {

    private static ClientRisk.Zone crown(double... doses) {
        List<ClientRisk.Session> sessions = new java.util.ArrayList<>();
        double after = 0;
        for (int i = 0; i < doses.length; i++) {
            after += doses[i];
            sessions.add(new ClientRisk.Session(
                    "s" + i,
                    1,
                    i + 1,
                    Instant.parse("2026-01-01T09:00:00Z").plusSeconds(86400L * 14 * i),
                    doses[i],
                    after,
                    null,
                    null,
                    false));
        }
        return new ClientRisk.Zone(
                "CROWN",
                1,
                0,
                after,
                0,
                doses.length,
                null,
                null,
                null,
                null,
                after > 1 ? RiskLevel.HIGH : RiskLevel.WATCH,
                "why",
                List.of(),
                sessions,
                List.of());
    }

    @Test
    void everyZoneIsOnTheMapWithItsLevelInWordsAndShadedByDensity() {
        ScalpMap map =
                ScalpMap.of(new ClientRisk("c", "clinic", null, RiskLevel.WATCH, null, List.of(crown(0.3, 0.6))), 1.0);
        assertThat(map.areas())
                .extracting(ScalpMap.Area::zone)
                .containsExactlyInAnyOrder("HAIRLINE", "TEMPLES", "MID_SCALP", "CROWN", "DONOR", "SCAR");
        ScalpMap.Area crown = map.areas().stream()
                .filter(a -> a.zone().equals("CROWN"))
                .findFirst()
                .orElseThrow();
        assertThat(crown.summary()).isEqualTo("Crown: 0.9 of natural density (ceiling 1), watch");
        assertThat(crown.levelClass()).isEqualTo("level-watch");
        assertThat(crown.shade()).isCloseTo(0.915, org.assertj.core.api.Assertions.within(0.01));
        ScalpMap.Area donor = map.areas().stream()
                .filter(a -> a.zone().equals("DONOR"))
                .findFirst()
                .orElseThrow();
        assertThat(donor.summary()).isEqualTo("Donor: no work recorded");
        assertThat(donor.levelClass()).isEqualTo("level-none");
    }

    @Test
    void theChartRisesWithEachSessionAndDrawsTheLimitsAndTheTarget() {
        DensityChart chart = DensityChart.of(crown(0.3, 0.4, 0.5), "Crown", 1.0, 0.85, 0.9, ZoneId.of("UTC"));
        assertThat(chart.points()).hasSize(4);
        assertThat(chart.points())
                .extracting(DensityChart.Point::y)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(chart.last().afterText()).isEqualTo("1.2");
        assertThat(chart.ceilingY()).isGreaterThan(chart.last().y());
        assertThat(chart.watchY()).isGreaterThan(chart.ceilingY());
        assertThat(chart.targetText()).isEqualTo("0.9");
        assertThat(chart.summary()).startsWith("Crown: 3 session(s) in this course, now at 1.2 of natural density");
        assertThat(DensityChart.of(crown(0.3), "Crown", 1.0, 0.85, null, ZoneId.of("UTC"))
                        .targetY())
                .isNull();
    }
}
