package org.smpledger.projections;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.smpledger.events.treatment.ScalpZone;

/** Many clients' courses, seeded so every run records the same history. */
public final class Courses {

    private Courses() {}

    /**
     * Records {@code clients} clients' courses (plans, 3-5 sessions, healing checks that saw fading,
     * corrections, completions, reactions, touch-ups) and two policies the clinic adopted.
     */
    public static void record(Clinic clinic, int clients, long seed) {
        Random random = new Random(seed);
        Instant start = Clinic.day("2024-01-01");
        for (int lot = 0; lot < 5; lot++) {
            clinic.receivesLot("lot-" + lot, "B-" + (1000 + lot), start);
        }
        clinic.adoptsPolicy("clinic-north", 1, DeploymentRules.DEFAULT, start, start);
        clinic.adoptsPolicy(
                "clinic-north",
                2,
                DeploymentRules.DEFAULT.withDensity(
                        new org.smpledger.events.clinic.ClinicRules.Density(0.9, 0.9, 0.4, 0.5, 0.85)),
                start.plus(Duration.ofDays(60)),
                start.plus(Duration.ofDays(90)));
        for (int c = 0; c < clients; c++) {
            String client = "client-" + c;
            Instant at = start.plus(Duration.ofHours(c));
            clinic.registers(client, at);
            clinic.consults(client, at.plusSeconds(600));
            if (random.nextInt(3) > 0) {
                clinic.plans(
                        client, 1, 3, Map.of(ScalpZone.CROWN, 0.8 + random.nextInt(3) / 10.0), at.plusSeconds(900));
            }
            int sessions = 3 + random.nextInt(3);
            String last = null;
            for (int s = 1; s <= sessions; s++) {
                at = at.plus(Duration.ofDays(10 + random.nextInt(10)));
                Clinic.Session session = clinic.session(client, client + "-s" + s, 1, s, at)
                        .zone(ScalpZone.CROWN, 0.15 + random.nextInt(20) / 100.0, "lot-" + random.nextInt(5))
                        .zone(ScalpZone.HAIRLINE, 0.1 + random.nextInt(20) / 100.0, "lot-" + random.nextInt(5));
                if (s > 4) {
                    session.overriding("pigment did not hold on scar tissue", "session-limit");
                }
                last = session.completed();
                if (s == 3 && random.nextInt(4) == 0) {
                    clinic.checksHealing(
                            client,
                            client + "-s3",
                            ScalpZone.CROWN,
                            0.6 + random.nextInt(4) / 10.0,
                            at.plus(Duration.ofDays(5)));
                }
            }
            if (random.nextInt(6) == 0) {
                clinic.reportsReaction(
                        client,
                        client + "-reaction",
                        random.nextBoolean()
                                ? org.smpledger.events.treatment.AdverseReactionReported.Kind.ALLERGIC
                                : org.smpledger.events.treatment.AdverseReactionReported.Kind.INFECTION,
                        "lot-" + random.nextInt(5),
                        at.plus(Duration.ofDays(2)));
            }
            if (random.nextInt(4) == 0) {
                clinic.completesCourse(client, 1, at.plus(Duration.ofDays(30)));
            }
            if (random.nextInt(5) == 0) {
                clinic.corrects(
                        client,
                        last,
                        "SessionCompleted",
                        "density mistyped",
                        Map.of("zoneWork[0].densityAddedFraction", "0.1"),
                        at.plus(Duration.ofDays(1)));
            }
            if (random.nextInt(7) == 0) {
                clinic.touchUp(client, at.plus(Duration.ofDays(3 * 365)), Map.of(ScalpZone.CROWN, 0.5));
            }
        }
        clinic.recallsLot("lot-2", start.plus(Duration.ofDays(400)));
    }
}
