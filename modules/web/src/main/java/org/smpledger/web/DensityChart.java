package org.smpledger.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.smpledger.projections.risk.ClientRisk;

/**
 * One zone's cumulative density across the sessions of its course, drawn as SVG on the server:
 * a line through the density after each session, the blur limit (the density ceiling), where
 * "watch" starts, and the plan's target when the client has a plan. viewBox 0 0 {@value #WIDTH} {@value #HEIGHT}.
 */
public record DensityChart(
        String zone,
        String label,
        String level,
        List<Point> points,
        String line,
        double ceilingY,
        double watchY,
        Double targetY,
        Double target,
        double ceiling,
        double watchFrom,
        List<Tick> ticks,
        String description) {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 180;
    private static final double LEFT = 40;
    private static final double RIGHT = 300;
    private static final double TOP = 12;
    private static final double BOTTOM = 150;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /**
     * A session on the chart (its number, day, what it added and the density after it), or a healing
     * check that measured what the zone kept ({@code added} negative: what faded; {@code note} says what was kept).
     */
    public record Point(
            double x,
            double y,
            String session,
            String day,
            double added,
            double after,
            String override,
            String note,
            String axisLabel) {

        public String addedText() {
            return (added < 0 ? "-" : "+") + number(Math.abs(added));
        }

        public String afterText() {
            return number(after);
        }
    }

    /** A label on the density axis. */
    public record Tick(double y, String text) {}

    /**
     * @param target the plan's target density for the zone, or null when the client has no plan
     * @param watchRatio the share of the ceiling from which a zone is at watch
     */
    public static DensityChart of(
            ClientRisk.Zone zone, String label, double ceiling, double watchRatio, Double target, ZoneId zoneId) {
        return of(zone, label, ceiling, watchRatio, target, zoneId, ClientRisk.Session::overrideReason);
    }

    /**
     * As above; {@code overrideWords} says what a session's override reads as (the read model keeps no
     * reason: it is the client's personal data, opened for the roles that may see it).
     */
    public static DensityChart of(
            ClientRisk.Zone zone,
            String label,
            double ceiling,
            double watchRatio,
            Double target,
            ZoneId zoneId,
            Function<ClientRisk.Session, String> overrideWords) {
        List<ClientRisk.Session> sessions = zone.sessions();
        List<ClientRisk.HealingCheck> checks = zone.healingChecks() == null ? List.of() : zone.healingChecks();
        double top = Math.max(ceiling * 1.25, zone.baseline());
        for (ClientRisk.Session session : sessions) {
            top = Math.max(top, session.cumulativeAfter() * 1.1);
        }
        if (target != null) {
            top = Math.max(top, target * 1.1);
        }
        double max = top;
        List<Object> steps = new ArrayList<>(sessions);
        for (ClientRisk.HealingCheck check : checks) {
            int at = 0;
            while (at < steps.size() && !after(steps.get(at), check.at())) {
                at++;
            }
            steps.add(at, check);
        }
        int count = Math.max(1, steps.size());
        List<Point> points = new ArrayList<>();
        points.add(new Point(LEFT, y(zone.baseline(), max), "start of course", "", 0, zone.baseline(), null, null, ""));
        for (int i = 0; i < steps.size(); i++) {
            double x = LEFT + (RIGHT - LEFT) * (i + 1) / count;
            if (steps.get(i) instanceof ClientRisk.Session session) {
                points.add(new Point(
                        x,
                        y(session.cumulativeAfter(), max),
                        "Session " + session.sessionNumber(),
                        session.at() == null ? "" : DAY.format(session.at().atZone(zoneId)),
                        session.added(),
                        session.cumulativeAfter(),
                        session.overrideReason() == null ? null : overrideWords.apply(session),
                        null,
                        "S" + session.sessionNumber()));
            } else {
                ClientRisk.HealingCheck check = (ClientRisk.HealingCheck) steps.get(i);
                points.add(new Point(
                        x,
                        y(check.after(), max),
                        "Healing check",
                        check.at() == null ? "" : DAY.format(check.at().atZone(zoneId)),
                        check.after() - check.before(),
                        check.after(),
                        null,
                        check.retainedFraction() != null
                                ? "retained " + number(check.retainedFraction() * 100) + "%"
                                : "observed " + number(check.after()),
                        "H"));
            }
        }
        StringBuilder line = new StringBuilder();
        for (Point point : points) {
            line.append(line.isEmpty() ? "" : " ")
                    .append(coordinate(point.x()))
                    .append(',')
                    .append(coordinate(point.y()));
        }
        List<Tick> ticks = new ArrayList<>();
        double step = max > 2 ? 0.5 : 0.25;
        for (double value = 0; value <= max + 1e-9; value += step) {
            ticks.add(new Tick(y(value, max), number(value)));
        }
        double watchFrom = ceiling * watchRatio;
        String description = (sessions.isEmpty()
                        ? "no session in this course yet (starts at " + number(zone.baseline()) + ")"
                        : sessions.size() + " session(s) in this course, now at "
                                + number(zone.density()) + " of natural density"
                                + (zone.observedLoss() > 0
                                        ? " (" + number(zone.observedLoss())
                                                + " lost to fading, as healing checks found)"
                                        : ""))
                + "; blur limit " + number(ceiling) + ", watch from " + number(watchFrom)
                + (target == null ? "; no plan target recorded" : "; plan target " + number(target)) + ".";
        return new DensityChart(
                zone.zone(),
                label,
                zone.level().name(),
                List.copyOf(points),
                line.toString(),
                y(ceiling, max),
                y(watchFrom, max),
                target == null ? null : y(target, max),
                target,
                ceiling,
                watchFrom,
                List.copyOf(ticks),
                description);
    }

    /** The chart in words, its zone first (the SVG's accessible name). */
    public String summary() {
        return label + ": " + description;
    }

    public String ceilingText() {
        return number(ceiling);
    }

    public String watchText() {
        return number(watchFrom);
    }

    public String targetText() {
        return target == null ? null : number(target);
    }

    public Point last() {
        return points.get(points.size() - 1);
    }

    private static boolean after(Object step, Instant at) {
        return step instanceof ClientRisk.Session session
                && session.at() != null
                && at != null
                && session.at().isAfter(at);
    }

    private static double y(double value, double max) {
        return Math.round((BOTTOM - (BOTTOM - TOP) * value / max) * 10) / 10.0;
    }

    private static String coordinate(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A density as the clinic reads it: at most two decimals, no trailing zeros. */
    public static String number(double value) {
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    static String day(Instant at, ZoneId zoneId) {
        return DAY.format(at.atZone(zoneId));
    }
}
