package org.smpledger.verifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The outcome of one check: verified, or the faults found, at most one per kind (the first
 * position of each). {@link #summary()} is the one line a command prints first.
 */
public final class VerificationReport {

    private final String subject;
    private final List<Fault> faults;

    private VerificationReport(String subject, List<Fault> faults) {
        this.subject = subject;
        this.faults = List.copyOf(faults);
    }

    public static VerificationReport verified(String subject) {
        return new VerificationReport(subject, List.of());
    }

    public static VerificationReport failed(String subject, Fault fault) {
        return new VerificationReport(subject, List.of(fault));
    }

    public boolean verified() {
        return faults.isEmpty();
    }

    /** What was checked, e.g. "events 1..1234 against checkpoint clinic.example/log size 1234". */
    public String subject() {
        return subject;
    }

    /** The first fault of each kind, by position (unlocated ones last). */
    public List<Fault> faults() {
        return faults;
    }

    /** The smallest position any fault names. */
    public OptionalLong firstBadPosition() {
        return faults.stream().filter(Fault::located).mapToLong(Fault::position).min();
    }

    public String summary() {
        if (verified()) {
            return "OK: " + subject;
        }
        OptionalLong first = firstBadPosition();
        return "FAILED: " + subject
                + (first.isPresent() ? ": first bad position " + first.getAsLong() : "")
                + " (" + faults.size() + (faults.size() == 1 ? " fault)" : " faults)");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(summary());
        for (Fault fault : faults) {
            text.append("\n  ").append(fault.line());
        }
        return text.toString();
    }

    /** Collects the first fault of each kind. */
    static final class Faults {

        private final Map<FaultKind, Fault> first = new EnumMap<>(FaultKind.class);

        void add(FaultKind kind, long position, String detail) {
            Fault existing = first.get(kind);
            if (existing == null || (position > 0 && (!existing.located() || position < existing.position()))) {
                first.put(kind, new Fault(kind, position, detail));
            }
        }

        boolean isEmpty() {
            return first.isEmpty();
        }

        VerificationReport report(String subject) {
            List<Fault> sorted = new ArrayList<>(first.values());
            sorted.sort(Comparator.comparing((Fault fault) -> !fault.located())
                    .thenComparingLong(Fault::position)
                    .thenComparing(Fault::kind));
            return new VerificationReport(subject, sorted);
        }
    }
}
