package org.smpledger.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.smpledger.density.RiskLevel;
import org.smpledger.projections.risk.ClientRisk;

/**
 * The scalp seen from above, forehead at the top, one area per zone: shaded by the zone's density
 * against its ceiling, coloured and patterned by its level (colour is never the only carrier: every
 * area also names its level in text), each with the explanation the risk model gives.
 */
public record ScalpMap(List<Area> areas) {

    /** One zone on the map. {@code shade} (0.15-1) grows with density against the ceiling. */
    public record Area(
            String zone,
            String label,
            List<String> outlines,
            double labelX,
            double labelY,
            String level,
            String levelWords,
            Double density,
            double ceiling,
            double shade,
            String explanation) {

        /** CSS class of the level: {@code level-ok}, {@code level-watch}, {@code level-high}, {@code level-none}. */
        public String levelClass() {
            return "level-" + level.toLowerCase(Locale.ROOT);
        }

        /** What the area says in words, for its accessible name and its tooltip. */
        public String summary() {
            return density == null
                    ? label + ": no work recorded"
                    : label + ": " + DensityChart.number(density) + " of natural density (ceiling "
                            + DensityChart.number(ceiling) + "), " + levelWords;
        }

        public String densityText() {
            return density == null ? "-" : DensityChart.number(density);
        }

        public String ceilingText() {
            return DensityChart.number(ceiling);
        }

        /** The short text drawn on the map. */
        public String shortText() {
            return density == null ? "-" : DensityChart.number(density) + " " + levelWords;
        }
    }

    private record Shape(String zone, String label, List<String> outlines, double labelX, double labelY) {}

    /** Forehead at the top, the nape at the bottom; viewBox 0 0 300 360. */
    private static final List<Shape> SHAPES = List.of(
            new Shape(
                    "MID_SCALP",
                    "Mid-scalp",
                    List.of("M85,104 Q150,46 215,104 Q236,150 226,200 L74,200 Q64,150 85,104 Z"),
                    150,
                    150),
            new Shape("HAIRLINE", "Hairline", List.of("M70,84 Q150,8 230,84 L215,104 Q150,42 85,104 Z"), 150, 62),
            new Shape(
                    "TEMPLES",
                    "Temples",
                    List.of(
                            "M36,128 Q46,96 70,84 L85,104 Q70,120 64,160 Z",
                            "M264,128 Q254,96 230,84 L215,104 Q230,120 236,160 Z"),
                    36,
                    176),
            new Shape("CROWN", "Crown", List.of("M90,245 A60,44 0 1,0 210,245 A60,44 0 1,0 90,245 Z"), 150, 250),
            new Shape(
                    "DONOR",
                    "Donor",
                    List.of("M40,200 Q38,300 150,342 Q262,300 260,200 L228,204 Q230,300 150,312 Q70,300 72,204 Z"),
                    150,
                    334),
            new Shape("SCAR", "Scars", List.of("M104,318 L196,318 L196,326 L104,326 Z"), 264, 346));

    public static ScalpMap of(ClientRisk risk, double ceiling) {
        Map<String, ClientRisk.Zone> zones = risk == null
                ? Map.of()
                : risk.zones().stream()
                        .collect(Collectors.toMap(ClientRisk.Zone::zone, Function.identity(), (a, b) -> b));
        List<Area> areas = new ArrayList<>();
        for (Shape shape : SHAPES) {
            ClientRisk.Zone zone = zones.get(shape.zone());
            if (zone == null) {
                areas.add(new Area(
                        shape.zone(),
                        shape.label(),
                        shape.outlines(),
                        shape.labelX(),
                        shape.labelY(),
                        "NONE",
                        "no work",
                        null,
                        ceiling,
                        0,
                        "No session has worked on the " + shape.label().toLowerCase(Locale.ROOT) + " in this course."));
            } else {
                double ratio = ceiling <= 0 ? 1 : Math.min(1.0, zone.density() / ceiling);
                areas.add(new Area(
                        shape.zone(),
                        shape.label(),
                        shape.outlines(),
                        shape.labelX(),
                        shape.labelY(),
                        zone.level().name(),
                        words(zone.level()),
                        zone.density(),
                        ceiling,
                        Math.round((0.15 + 0.85 * ratio) * 100) / 100.0,
                        zone.explanation()));
            }
        }
        return new ScalpMap(List.copyOf(areas));
    }

    static String words(RiskLevel level) {
        return switch (level) {
            case OK -> "within limits";
            case WATCH -> "watch";
            case HIGH -> "high: past a limit";
        };
    }
}
