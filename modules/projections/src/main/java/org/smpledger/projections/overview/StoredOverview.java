package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.store.ReadModel;

/**
 * A client as the clinic overview keeps it ({@code overview_clients_gN}): its sessions (voided ones
 * dropped), its current course and an open touch-up request.
 */
public record StoredOverview(
        @BsonId String clientId,
        String clinicId,
        long lastSequence,
        int course,
        Instant touchUpRequestedAt,
        List<Session> sessions)
        implements ClientStreamProjection.ClientRecord<StoredOverview> {

    static final ReadModel<StoredOverview> MODEL =
            new ReadModel<>(ClinicOverviewProjection.CLIENTS, StoredOverview.class, StoredOverview::clientId);

    public StoredOverview {
        sessions = sessions == null ? List.of() : sessions;
    }

    @Override
    public StoredOverview appliedUpTo(long sequence, String clinicId) {
        return new StoredOverview(clientId, clinicId, sequence, course, touchUpRequestedAt, sessions);
    }

    StoredOverview withSession(Session session) {
        List<Session> all = new ArrayList<>(sessions);
        all.add(session);
        boolean newCourse = session.course() > course;
        return new StoredOverview(
                clientId,
                clinicId,
                lastSequence,
                newCourse ? session.course() : course,
                newCourse ? null : touchUpRequestedAt,
                all);
    }

    StoredOverview touchUpRequested(Instant at) {
        return new StoredOverview(clientId, clinicId, lastSequence, course + 1, at, sessions);
    }

    StoredOverview withSessions(List<Session> sessions) {
        return new StoredOverview(clientId, clinicId, lastSequence, course, touchUpRequestedAt, sessions);
    }

    public record Session(String eventId, int course, Instant at) {}

    /**
     * A clinic's overview ({@code overview_clinics_gN}): one small summary per client, keyed by the
     * client id made safe as a field name.
     */
    public record ClinicClients(@BsonId String clinicId, Map<String, ClientSummary> clients) {

        static final ReadModel<ClinicClients> MODEL =
                new ReadModel<>(ClinicOverviewProjection.CLINICS, ClinicClients.class, ClinicClients::clinicId);

        public ClinicClients {
            clients = clients == null ? Map.of() : clients;
        }
    }

    /** A client's line in its clinic's overview. */
    public record ClientSummary(
            String clientId,
            int totalSessions,
            int course,
            int sessionsInCourse,
            Instant lastSessionAt,
            Instant touchUpRequestedAt) {}
}
