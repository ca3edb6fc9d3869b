package org.smpledger.accesslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys a record is listed under, each a dense sequence (1, 2, 3, ...) kept by a counter
 * document: {@code client|<clinic>|<client>} for a client's access log, and
 * {@code clinic|<clinic>|<hour>} (UTC hour, e.g. 2026-11-25T10) for a clinic's log over time.
 * An index entry's {@code _id} is {@code <key>#<n>}: every read is a lookup of exact ids.
 */
final class IndexKeys {

    static final String CLIENT = "client";
    static final String LOT = "lot";

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private IndexKeys() {}

    static String client(String clinicId, String clientId) {
        return "client|" + escape(clinicId) + "|" + escape(clientId);
    }

    /** An unknown clinic (a refused sign-in naming nobody) is the empty name: listed for no clinic. */
    static String clinicHour(String clinicId, Instant at) {
        return "clinic|" + (clinicId == null ? "" : escape(clinicId)) + "|" + HOUR.format(at);
    }

    static String entry(String key, long number) {
        return key + "#" + number;
    }

    static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * The clinics that see the record (the caller's, and the record's owner when that is another
     * clinic) by hour, and the clients it concerns: the one read or asked for, and every client an
     * answer named.
     */
    static List<String> of(AccessRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        String agentClinic = record.agent().clinicId();
        AccessRecord.Entity entity = record.entity();
        String entityClinic = entity == null ? null : entity.clinicId();
        if (agentClinic == null && entityClinic == null) {
            keys.add(clinicHour(null, record.recorded()));
        }
        if (agentClinic != null) {
            keys.add(clinicHour(agentClinic, record.recorded()));
        }
        if (entityClinic != null) {
            keys.add(clinicHour(entityClinic, record.recorded()));
        }
        if (entity != null && CLIENT.equals(entity.kind()) && entity.id() != null && entityClinic != null) {
            keys.add(client(entityClinic, entity.id()));
        }
        if (agentClinic != null) {
            for (String client : record.clients()) {
                keys.add(client(agentClinic, client));
            }
        }
        return new ArrayList<>(keys);
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace("|", "%7C").replace("#", "%23");
    }
}
