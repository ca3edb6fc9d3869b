package org.smpledger.app.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.ProblemType;
import org.smpledger.app.http.Problems;
import org.smpledger.app.personaldata.OpenedRecords;
import org.smpledger.app.query.ClientPersonalDetails;
import org.smpledger.app.security.StaffMember;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.projections.timeline.TimelineQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A client's record for the pages, read through the same query classes as the API and confined to
 * the caller's clinic the same way: another clinic's client is answered exactly as an unknown one,
 * and every read goes to the access log.
 */
@Component
class ClientRecords {

    /** Enough steps for any one client's record on one page. */
    static final int TIMELINE_SIZE = 500;

    private final ObjectProvider<TimelineQuery> timeline;
    private final ObjectProvider<RiskQuery> risk;
    private final ObjectProvider<OpenedRecords> opened;
    private final Clock clock;

    ClientRecords(
            ObjectProvider<TimelineQuery> timeline,
            ObjectProvider<RiskQuery> risk,
            ObjectProvider<OpenedRecords> opened,
            Clock clock) {
        this.timeline = timeline;
        this.risk = risk;
        this.opened = opened;
        this.clock = clock;
    }

    ClientTimeline timeline(String clientId, Instant asOf, StaffMember caller) {
        ClientTimeline found = available(timeline.getIfAvailable())
                .timeline(clientId, asOf, 0, TIMELINE_SIZE)
                .orElseThrow(() -> unknown(clientId, asOf));
        return confined(found, found.clinicId(), caller, clientId, "timeline", asOf);
    }

    /** Empty when the client has no density recorded yet (or not yet at asOf). */
    Optional<ClientRisk> risk(String clientId, Instant asOf, StaffMember caller) {
        Optional<ClientRisk> found = available(risk.getIfAvailable()).risk(clientId, asOf, clock.instant());
        found.ifPresent(r -> confined(r, r.clinicId(), caller, clientId, "risk", asOf));
        return found;
    }

    /** The name and contact, for roles that may see them. */
    Optional<ClientPersonalDetails.OnRecord> personalDetails(String clientId, StaffMember caller) {
        if (!caller.maySeePersonalDetails()) {
            return Optional.empty();
        }
        Optional<ClientPersonalDetails.OnRecord> found =
                new ClientPersonalDetails(available(opened.getIfAvailable())).of(clientId);
        found.ifPresent(details -> confined(details, details.clinicId(), caller, clientId, "personal-details", null));
        return found;
    }

    /**
     * The reasons of the record's corrections (by event id) and of its sessions' overrides (by event id and
     * by session id), opened for roles that may see personal data; empty for the others, and for an erased
     * client: the reasons are erased with the rest.
     */
    record Reasons(Map<String, String> byEventId, Map<String, String> bySessionId) {
        static final Reasons NONE = new Reasons(Map.of(), Map.of());
    }

    Reasons reasons(String clientId, StaffMember caller) {
        if (!caller.maySeePersonalDetails()) {
            return Reasons.NONE;
        }
        Map<String, String> byEvent = new HashMap<>();
        Map<String, String> bySession = new HashMap<>();
        for (OpenedRecords.Opened event :
                available(opened.getIfAvailable()).of(clientId).values()) {
            if (event.erased()) {
                continue;
            }
            if (event.type() == RecordCorrected.class) {
                JsonNode reason = event.payload().get("reason");
                if (reason != null && reason.isTextual()) {
                    byEvent.put(event.eventId(), reason.asText());
                }
            } else if (event.type() == SessionCompleted.class) {
                JsonNode reason = event.payload().path("override").get("reason");
                if (reason != null && reason.isTextual()) {
                    byEvent.put(event.eventId(), reason.asText());
                    bySession.put(event.payload().path("sessionId").asText(), reason.asText());
                }
            }
        }
        return new Reasons(byEvent, bySession);
    }

    private static <T> T confined(
            T found, String owner, StaffMember caller, String clientId, String detail, Instant asOf) {
        if (owner == null || !owner.equals(caller.clinicId())) {
            if (owner != null) {
                AccessAttempt.current().ifPresent(attempt -> attempt.otherClinic("client", clientId, owner, detail));
            }
            throw unknown(clientId, asOf);
        }
        AccessAttempt.current().ifPresent(attempt -> attempt.read("client", clientId, owner, detail));
        return found;
    }

    static ProblemException unknown(String clientId, Instant asOf) {
        return asOf == null
                ? new ProblemException(Problems.unknownRecord(clientId))
                : new ProblemException(
                        ProblemType.NOT_FOUND, "Client " + clientId + " had no record as of " + asOf + ".");
    }

    static <T> T available(T query) {
        if (query == null) {
            throw new ProblemException(ProblemType.READ_MODELS_UNAVAILABLE, "This instance runs without read models.");
        }
        return query;
    }
}
