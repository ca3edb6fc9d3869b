package org.smpledger.example.sessions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.smpledger.events.treatment.SessionCompleted;

/**
 * Sessions completed per clinic per day, from {@code org.smpledger.SessionCompleted.v1} events.
 * <p>
 * Deduplication: the publisher delivers at least once, and a redelivered event carries the same
 * CloudEvents id. This model remembers the id of every session it counted and ignores an id it has
 * seen. Only counted events are remembered (tens of bytes per session: a clinic chain's lifetime
 * fits in memory), and the consumer rebuilds the model by reading the topic from the beginning on
 * every start, so the remembered ids never need to be stored anywhere. A consumer that cannot
 * afford that could instead keep, per subject (client), the highest {@code streamsequence} seen:
 * events of one client arrive in stream order and a redelivery repeats an already seen stretch,
 * so anything at or below that mark is a duplicate.
 * <p>
 * Erasure: the model also keeps each client's last session (what a reminder service would need),
 * keyed by the pseudonymous client id. When a client's personal data is erased
 * ({@code org.smpledger.ClientPersonalDataErased.v1}) it forgets everything it holds on that client and
 * keeps nothing on the client from then on, also when the topic is read again from the beginning
 * (it remembers which clients are erased, which is what makes a replay honour the erasure). The
 * anonymous counts per clinic and day stay.
 */
public final class SessionsPerClinicDay {

    public static final String SESSION_COMPLETED = "org.smpledger.SessionCompleted.v1";
    public static final String PERSONAL_DATA_ERASED = "org.smpledger.ClientPersonalDataErased.v1";
    private static final String CLINIC_SOURCE_PREFIX = "/clinics/";

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ZoneId clinicTimeZone;
    private final Set<String> countedIds = new HashSet<>();
    private final Map<String, Map<LocalDate, Integer>> sessions = new TreeMap<>();
    private final Map<String, Instant> lastSessionByClient = new HashMap<>();
    private final Set<String> erasedClients = new HashSet<>();
    private long duplicatesIgnored;

    /** @param clinicTimeZone the zone in which a session's end decides its day */
    public SessionsPerClinicDay(ZoneId clinicTimeZone) {
        this.clinicTimeZone = clinicTimeZone;
    }

    /** Counts the event if it is a completed session not counted before; returns whether it counted. */
    public boolean apply(CloudEvent event) {
        if (PERSONAL_DATA_ERASED.equals(event.getType())) {
            erasedClients.add(event.getSubject());
            lastSessionByClient.remove(event.getSubject());
            return true;
        }
        if (!SESSION_COMPLETED.equals(event.getType()) || event.getData() == null) {
            return false;
        }
        if (!countedIds.add(event.getId())) {
            duplicatesIgnored++;
            return false;
        }
        SessionCompleted session = read(event.getData().toBytes());
        LocalDate day = session.endedAt().atZone(clinicTimeZone).toLocalDate();
        sessions.computeIfAbsent(clinic(event), c -> new TreeMap<>()).merge(day, 1, Integer::sum);
        if (!erasedClients.contains(session.clientId())) {
            lastSessionByClient.merge(session.clientId(), session.endedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return true;
    }

    /** When the client's last session ended; empty for an unknown or erased client. */
    public Optional<Instant> lastSessionOf(String clientId) {
        return Optional.ofNullable(lastSessionByClient.get(clientId));
    }

    public int sessions(String clinicId, LocalDate day) {
        return sessions.getOrDefault(clinicId, Map.of()).getOrDefault(day, 0);
    }

    /** Clinic id → day → sessions completed. */
    public Map<String, Map<LocalDate, Integer>> all() {
        Map<String, Map<LocalDate, Integer>> copy = new TreeMap<>();
        sessions.forEach((clinic, days) -> copy.put(clinic, Map.copyOf(days)));
        return copy;
    }

    public long duplicatesIgnored() {
        return duplicatesIgnored;
    }

    private static String clinic(CloudEvent event) {
        String path = event.getSource().getPath();
        return path != null && path.startsWith(CLINIC_SOURCE_PREFIX)
                ? path.substring(CLINIC_SOURCE_PREFIX.length())
                : "unknown";
    }

    private SessionCompleted read(byte[] data) {
        try {
            return json.readValue(data, SessionCompleted.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a SessionCompleted payload", e);
        }
    }
}
