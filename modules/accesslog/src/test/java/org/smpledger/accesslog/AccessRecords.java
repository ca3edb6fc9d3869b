package org.smpledger.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Access records as the service makes them, tersely. */
final class AccessRecords {

    private AccessRecords() {}

    static AccessRecord timelineRead(String user, String clinic, String client, Instant at) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                at,
                "R",
                "GET /api/clients/{clientId}/timeline",
                AccessRecord.Outcome.SUCCESS,
                200,
                null,
                new AccessRecord.Agent(user, "practitioner", clinic, "local"),
                new AccessRecord.Entity("client", client, clinic, "timeline"),
                List.of(),
                "corr-" + UUID.randomUUID(),
                "10.0.0.7");
    }

    static AccessRecord refusedRead(String user, String clinic, String client, Instant at) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                at,
                "R",
                "GET /api/clients/{clientId}/timeline",
                AccessRecord.Outcome.NOT_FOUND,
                404,
                "not-found",
                new AccessRecord.Agent(user, "practitioner", clinic, "local"),
                new AccessRecord.Entity("client", client, null, "timeline"),
                List.of(),
                "corr-" + UUID.randomUUID(),
                "10.0.0.8");
    }

    static AccessRecord listRead(String user, String clinic, List<String> clients, Instant at) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                at,
                "R",
                "GET /api/risk-flags",
                AccessRecord.Outcome.SUCCESS,
                200,
                null,
                new AccessRecord.Agent(user, "auditor", clinic, "local"),
                new AccessRecord.Entity("clinic", clinic, clinic, "risk-flags"),
                clients,
                null,
                "10.0.0.9");
    }

    static AccessRecord failedSignIn(Instant at) {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                at,
                "R",
                "GET /api/risk-flags",
                AccessRecord.Outcome.UNAUTHENTICATED,
                401,
                "bad-credentials",
                AccessRecord.Agent.unknown(),
                null,
                List.of(),
                null,
                "203.0.113.5");
    }
}
