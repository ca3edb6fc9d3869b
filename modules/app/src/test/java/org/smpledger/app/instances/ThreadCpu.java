package org.smpledger.app.instances;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a process's threads by thread name (Linux {@code /proc/<pid>/task}), so a benchmark slot
 * can say where its CPU went: JIT compiler, GC, request threads, processors, the store's server. Numbers
 * in a thread's name are dropped (one group for {@code http-nio-1-exec-1..10}).
 */
final class ThreadCpu {

    private static final double TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    private ThreadCpu() {}

    /** CPU milliseconds used so far per thread group, plus every thread that has ended, as "(ended)". */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> byGroup = new HashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
                    byGroup.merge(group(name), millis, Double::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            return byGroup;
        }
        return byGroup;
    }

    /** What each group used between two snapshots, in ms per command, largest first (groups under 0.1 ms as "other"). */
    static String perCommand(Map<String, Double> before, Map<String, Double> after, double commands) {
        Map<String, Double> used = new HashMap<>();
        after.forEach((group, millis) -> used.put(group, millis - before.getOrDefault(group, 0.0)));
        TreeMap<Double, String> sorted = new TreeMap<>(java.util.Comparator.reverseOrder());
        double other = 0;
        for (Map.Entry<String, Double> entry : used.entrySet()) {
            double perCommand = entry.getValue() / commands;
            if (perCommand < 0.1) {
                other += perCommand;
            } else {
                sorted.merge(perCommand, entry.getKey(), (x, y) -> x + "," + y);
            }
        }
        StringBuilder text = new StringBuilder();
        sorted.forEach((ms, group) -> text.append(String.format("%s %.1f, ", group, ms)));
        return text.append(String.format("other %.1f", other)).toString();
    }

    /** Whether a thread group (as {@link #snapshot} names it) is HotSpot's JIT compiler. */
    static boolean isCompiler(String group) {
        return group.startsWith("C# Compiler");
    }

    private static String group(String name) {
        return name.replaceAll("[0-9]+", "#");
    }
}
