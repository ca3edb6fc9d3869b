package org.smpledger.accesslog;

import java.util.Date;
import java.util.List;
import org.bson.Document;

/** The stored form of an access record ({@code _id} = its id) and back. */
final class AccessDocuments {

    private AccessDocuments() {}

    static Document of(AccessRecord record) {
        AccessRecord.Agent agent = record.agent();
        AccessRecord.Entity entity = record.entity();
        return new Document("_id", record.id())
                .append("recorded", Date.from(record.recorded()))
                .append("action", record.action())
                .append("operation", record.operation())
                .append("outcome", record.outcome().name())
                .append("outcomeCode", record.outcome().fhirCode())
                .append("status", record.status())
                .append("reason", record.reason())
                .append(
                        "agent",
                        new Document("userId", agent.userId())
                                .append("role", agent.role())
                                .append("clinicId", agent.clinicId())
                                .append("authenticatedBy", agent.authenticatedBy()))
                .append(
                        "entity",
                        entity == null
                                ? null
                                : new Document("kind", entity.kind())
                                        .append("id", entity.id())
                                        .append("clinicId", entity.clinicId())
                                        .append("detail", entity.detail()))
                .append("clients", record.clients())
                .append("correlationId", record.correlationId())
                .append("sourceAddress", record.sourceAddress());
    }

    static AccessRecord from(Document document) {
        Document agent = document.get("agent", Document.class);
        Document entity = document.get("entity", Document.class);
        return new AccessRecord(
                document.getString("_id"),
                document.getDate("recorded").toInstant(),
                document.getString("action"),
                document.getString("operation"),
                AccessRecord.Outcome.valueOf(document.getString("outcome")),
                document.getInteger("status", 0),
                document.getString("reason"),
                new AccessRecord.Agent(
                        agent.getString("userId"),
                        agent.getString("role"),
                        agent.getString("clinicId"),
                        agent.getString("authenticatedBy")),
                entity == null
                        ? null
                        : new AccessRecord.Entity(
                                entity.getString("kind"),
                                entity.getString("id"),
                                entity.getString("clinicId"),
                                entity.getString("detail")),
                document.getList("clients", String.class, List.of()),
                document.getString("correlationId"),
                document.getString("sourceAddress"));
    }
}
