package org.smpledger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of a run: one value per measured round for each named measure. */
final class Figures {

    private final Map<String, List<Double>> rounds = new LinkedHashMap<>();

    void add(String measure, double value) {
        rounds.computeIfAbsent(measure, m -> new ArrayList<>()).add(value);
    }

    boolean has(String measure) {
        return rounds.containsKey(measure) && !rounds.get(measure).isEmpty();
    }

    List<Double> of(String measure) {
        return rounds.getOrDefault(measure, List.of());
    }

    double median(String measure) {
        return median(of(measure));
    }

    double min(String measure) {
        return of(measure).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max(String measure) {
        return of(measure).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** (max - min) / median: how far apart the rounds were. */
    double spread(String measure) {
        return (max(measure) - min(measure)) / median(measure);
    }

    /** Round by round {@code a / b} (the two were measured side by side in each round). */
    List<Double> ratios(String a, String b) {
        List<Double> x = of(a);
        List<Double> y = of(b);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            ratios.add(x.get(i) / y.get(i));
        }
        return ratios;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double medianOf(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
