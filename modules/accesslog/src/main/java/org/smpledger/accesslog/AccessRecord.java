package org.smpledger.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One access to the service that the access log keeps: a read of a client's record (or of a list
 * naming clients), or a refused request. Modelled on FHIR AuditEvent (docs/security.md, "Access log"):
 * {@code recorded} is AuditEvent.recorded, {@code action} AuditEvent.action (R read, E execute),
 * {@code operation} AuditEvent.subtype, {@code outcome} and {@code reason} AuditEvent.outcome and
 * outcomeDesc, {@code agent} the requesting AuditEvent.agent (with its network address in
 * {@code sourceAddress}), {@code entity} and {@code clients} AuditEvent.entity.
 *
 * @param id            unique id, assigned where the access happened (a retried write stores it once)
 * @param recorded      when the request arrived
 * @param action        {@code R} for a read, {@code E} for a command
 * @param operation     method and path template, e.g. {@code GET /api/clients/{clientId}/timeline}
 * @param status        the HTTP status answered
 * @param reason        why it was refused (e.g. {@code bad-credentials}, {@code role-not-admitted}), null on success
 * @param entity        what was read or asked for; null when the request named nothing (e.g. a refused sign-in)
 * @param clients       every client an answer named (a list, a lot recall), beyond {@code entity}
 * @param correlationId the request's correlation id (X-Correlation-Id, or the one generated for it)
 * @param sourceAddress the address the request came from
 */
public record AccessRecord(
        String id,
        Instant recorded,
        String action,
        String operation,
        Outcome outcome,
        int status,
        String reason,
        Agent agent,
        Entity entity,
        List<String> clients,
        String correlationId,
        String sourceAddress) {

    public AccessRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(agent, "agent");
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** How the request ended, with FHIR AuditEvent's outcome code. */
    public enum Outcome {
        /** Answered with data. */
        SUCCESS(0),
        /** No valid credentials (401). */
        UNAUTHENTICATED(4),
        /** Authenticated, but the role does not admit the endpoint (403). */
        FORBIDDEN(4),
        /** The record is not known in the caller's clinic and in no other either (404). */
        NOT_FOUND(4),
        /** The record belongs to another clinic; answered exactly like an unknown one (404). */
        OTHER_CLINIC(4);

        private final int fhirCode;

        Outcome(int fhirCode) {
            this.fhirCode = fhirCode;
        }

        public int fhirCode() {
            return fhirCode;
        }
    }

    /**
     * Who asked. {@code userId} is the authenticated user, or for a refused sign-in the user named
     * in it when that user exists (else null); {@code clinicId} that user's clinic (null when unknown).
     * {@code authenticatedBy} is {@code local} or the token issuer, null when not authenticated.
     */
    public record Agent(String userId, String role, String clinicId, String authenticatedBy) {

        public static Agent unknown() {
            return new Agent(null, null, null, null);
        }
    }

    /**
     * What was read or asked for: {@code kind} (client, lot, clinic, user), its {@code id}, the clinic
     * it belongs to (null until known), and {@code detail}: which view of it (timeline, risk,
     * events, personal-details, access-log, lot-recall, risk-flags, clinic-overview, ...).
     */
    public record Entity(String kind, String id, String clinicId, String detail) {

        public Entity withClinic(String clinic) {
            return new Entity(kind, id, clinic, detail);
        }
    }

    /**
     * The record as the auditors of {@code clinicId} may see it: nothing of another clinic. An
     * attempt of theirs on another clinic's record reads as one on an unknown record (no owner, outcome
     * NOT_FOUND); an attempt by another clinic's staff on their record shows no one (agent unknown).
     */
    public AccessRecord asSeenBy(String clinicId) {
        Agent seenAgent = agent;
        if (agent.clinicId() != null && !agent.clinicId().equals(clinicId)) {
            seenAgent = Agent.unknown();
        }
        Entity seenEntity = entity;
        Outcome seenOutcome = outcome;
        String seenReason = reason;
        if (entity != null && entity.clinicId() != null && !entity.clinicId().equals(clinicId)) {
            seenEntity = entity.withClinic(null);
            if (outcome == Outcome.OTHER_CLINIC) {
                seenOutcome = Outcome.NOT_FOUND;
                seenReason = "not-found";
            }
        }
        if (seenAgent == agent && seenEntity == entity) {
            return this;
        }
        return new AccessRecord(
                id,
                recorded,
                action,
                operation,
                seenOutcome,
                status,
                seenReason,
                seenAgent,
                seenEntity,
                clients,
                correlationId,
                sourceAddress);
    }

    /** A copy naming the entity's clinic (once the writer found it out). */
    public AccessRecord withEntity(Entity resolved, Outcome newOutcome) {
        return new AccessRecord(
                id,
                recorded,
                action,
                operation,
                newOutcome,
                status,
                reason,
                agent,
                resolved,
                clients,
                correlationId,
                sourceAddress);
    }
}
