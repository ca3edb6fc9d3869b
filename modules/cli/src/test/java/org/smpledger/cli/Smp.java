package org.smpledger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code smp} in this JVM and keeps what it printed. */
public record Smp(int code, byte[] stdout, String err, List<String> args) {

    public static Smp run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SmpCommand.run(args.toArray(String[]::new), o, e);
        }
        return new Smp(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8), List.copyOf(args));
    }

    /** {@code smp <args> <store options>}. */
    public static Smp on(SeededClinics store, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(store.storeOptions());
        return run(all);
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "smp " + String.join(" ", args) + " -> " + code + "\nstderr: " + err;
    }
}
