package org.smpledger.app.access;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.smpledger.accesslog.AccessRecord;
import org.smpledger.app.security.StaffMember;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What one request did, as the parts of the service note it: who was authenticated (or why a
 * sign-in was refused), what the answer named (the record read, the clients listed), and whether a
 * 404 was another clinic's record. {@link AccessRecording} turns it into an access record when the
 * request ends.
 */
public final class AccessAttempt {

    static final String ATTRIBUTE = AccessAttempt.class.getName();

    private final Instant at;
    private final String correlationId;
    private volatile StaffMember staff;
    private volatile String refusal;
    private volatile AccessRecord.Agent namedAgent;
    private volatile AccessRecord.Entity entity;
    private final List<String> clients = new ArrayList<>();

    AccessAttempt(Instant at, String correlationId) {
        this.at = at;
        this.correlationId = correlationId;
    }

    public static Optional<AccessAttempt> of(HttpServletRequest request) {
        return Optional.ofNullable((AccessAttempt) request.getAttribute(ATTRIBUTE));
    }

    /** The attempt of the request this thread serves, if it is recorded. */
    public static Optional<AccessAttempt> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null
                ? Optional.empty()
                : Optional.ofNullable(
                        (AccessAttempt) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    /** The correlation id of this request: the X-Correlation-Id sent, or one made for it. */
    public String correlationId() {
        return correlationId;
    }

    public void authenticated(StaffMember member) {
        this.staff = member;
    }

    /** A refused sign-in or request, why, and the user the credentials named when that user exists. */
    public void refused(String reason, AccessRecord.Agent named) {
        this.refusal = reason;
        if (named != null) {
            this.namedAgent = named;
        }
    }

    /** The answer showed this record (a client's timeline, a lot's recall, a clinic's list). */
    public void read(String kind, String id, String clinicId, String detail) {
        this.entity = new AccessRecord.Entity(kind, id, clinicId, detail);
    }

    /** The answer named these clients (a list), beyond the record read. */
    public synchronized void named(Collection<String> clientIds) {
        clients.addAll(clientIds);
    }

    /** The request asked for this record and was answered 404 because it belongs to {@code owner}, another clinic. */
    public void otherClinic(String kind, String id, String owner, String detail) {
        this.entity = new AccessRecord.Entity(kind, id, owner, detail);
        this.refusal = "other-clinic";
    }

    Instant at() {
        return at;
    }

    StaffMember staff() {
        return staff;
    }

    String refusal() {
        return refusal;
    }

    AccessRecord.Agent namedAgent() {
        return namedAgent;
    }

    AccessRecord.Entity entity() {
        return entity;
    }

    synchronized List<String> clients() {
        return List.copyOf(clients);
    }
}
