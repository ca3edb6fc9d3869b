package org.smpledger.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.smpledger.cli.log.ContractType;
import org.smpledger.cli.log.LoggedEvent;
import picocli.CommandLine.Option;

/** Which events a command reads: a time range on recorded or occurred time, event types, clinics, clients. */
public final class EventSelection {

    /** Which of an event's times the range applies to. */
    public enum Clock {
        recorded,
        occurred
    }

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "only events at or after TIME (an ISO-8601 instant, or a date: its start in UTC)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "only events before TIME (instant or date, exclusive)")
    String to;

    @Option(
            names = "--time",
            paramLabel = "recorded|occurred",
            defaultValue = "recorded",
            description =
                    "the time --from/--to apply to: when the service recorded the event, or when it happened"
                            + " (default: ${DEFAULT-VALUE}; corrections have no occurred time and are left out by a range on it)")
    Clock clock;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description = "only these event types (repeatable or comma-separated), e.g. SessionCompleted")
    List<String> types;

    @Option(names = "--clinic", paramLabel = "ID", split = ",", description = "only events of these clinics")
    List<String> clinics;

    @Option(names = "--client", paramLabel = "ID", split = ",", description = "only these clients' events")
    List<String> clients;

    /** The filter, checked: an unknown type or an unreadable time is a usage error. */
    public Predicate<LoggedEvent> predicate() {
        Instant start = time("--from", from);
        Instant end = time("--to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw CliFailure.usage("--from " + from + " is not before --to " + to);
        }
        Set<String> typeNames = types == null ? null : new LinkedHashSet<>(types);
        if (typeNames != null) {
            for (String type : typeNames) {
                if (ContractType.byName(type).isEmpty()) {
                    throw CliFailure.usage("unknown event type '" + type + "'; known: "
                            + ContractType.all().stream()
                                    .map(ContractType::name)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
                }
            }
        }
        Set<String> clinicIds = clinics == null ? null : new HashSet<>(clinics);
        Set<String> clientIds = clients == null ? null : new HashSet<>(clients);
        Clock on = clock;
        return event -> {
            if (typeNames != null && !typeNames.contains(event.eventType())) {
                return false;
            }
            if (clinicIds != null && !clinicIds.contains(event.clinicId())) {
                return false;
            }
            if (clientIds != null && !clientIds.contains(event.clientId())) {
                return false;
            }
            if (start == null && end == null) {
                return true;
            }
            Instant at = on == Clock.recorded ? event.recordedAt() : event.occurredAt();
            return at != null && (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
        };
    }

    /** An ISO-8601 instant, or a date (its start in UTC); null when absent. */
    public static Instant time(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeException e) {
            throw CliFailure.usage(option + " '" + text
                    + "' is neither an ISO-8601 instant (2026-11-22T10:15:00Z) nor a date (2026-11-22)");
        }
    }
}
