package org.smpledger.projections;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.smpledger.events.treatment.ScalpZone;

/** Many clients' courses, seeded so every run records the same history. */
public final class Courses {

    private Courses() {}

    /** Records {@code clients} clients' courses (3-5 sessions, some corrections, some touch-ups); returns their ids' prefix. */
    public static void record(Clinic clinic, int clients, long seed) {
        Random random = new Random(seed);
        Instant start = Clinic.day("2024-01-01");
        for (int lot = 0; lot < 5; lot++) {
            clinic.receivesLot("lot-" + lot, "B-" + (1000 + lot), start);
        }
        for (int c = 0; c < clients; c++) {
            String client = "client-" + c;
            Instant at = start.plus(Duration.ofHours(c));
            clinic.registers(client, at);
            clinic.consults(client, at.plusSeconds(600));
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
