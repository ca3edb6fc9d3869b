package org.smpledger.projections.overview;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.FieldKey;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A clinic's overview. {@code overview_clients} ({@code _id} = client id) keeps each client's
 * sessions (voided ones dropped) and course; {@code overview_clinics} ({@code _id} = clinic id)
 * holds one small summary per client, set from the client's record after every event (and
 * again when an event is delivered twice), so it is always what the client record says.
 * Whether an interval has passed or a touch-up is due depends on the day: the query decides.
 */
public final class ClinicOverviewProjection extends ClientStreamProjection<StoredOverview> {

    public static final String NAME = "overview";
    static final String CLIENTS = "overview_clients";
    static final String CLINICS = "overview_clinics";

    public ClinicOverviewProjection() {
        super(StoredOverview.MODEL);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(CLIENTS, CLINICS);
    }

    @Override
    protected StoredOverview newClient(String clientId, String clinicId, ProjectionEvent event) {
        return new StoredOverview(clientId, clinicId, -1, 1, null, List.of());
    }

    @Override
    protected StoredOverview apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            StoredOverview client,
            boolean identityChanged,
            ReadModelBatch batch) {
        StoredOverview changed = payload.accept(new ClientChange(event, client));
        if (changed != null || identityChanged) {
            summarise(changed != null ? changed : client, batch);
        }
        return changed != null ? changed : client;
    }

    @Override
    protected void redelivered(StoredOverview client, ReadModelBatch batch) {
        summarise(client, batch);
    }

    /** The client's record after one event; null when the event leaves it (and its summary) as it was. */
    private record ClientChange(ProjectionEvent event, StoredOverview client)
            implements TreatmentRecordEvent.Visitor<StoredOverview> {

        @Override
        public StoredOverview visit(SessionCompleted session) {
            return client.withSession(
                    new StoredOverview.Session(event.eventId(), session.course(), session.startedAt()));
        }

        @Override
        public StoredOverview visit(TouchUpRequested touchUp) {
            return client.touchUpRequested(touchUp.requestedAt() == null ? event.recordedAt() : touchUp.requestedAt());
        }

        @Override
        public StoredOverview visit(RecordCorrected correction) {
            if (!correction.voided()) {
                return null;
            }
            List<StoredOverview.Session> kept = client.sessions().stream()
                    .filter(s -> !correction.correctedEventId().equals(s.eventId()))
                    .toList();
            return kept.size() == client.sessions().size() ? null : client.withSessions(kept);
        }

        @Override
        public StoredOverview visit(ClientRegistered event) {
            return null;
        }

        @Override
        public StoredOverview visit(ClientDetailsCorrected event) {
            return null;
        }

        @Override
        public StoredOverview visit(ClientPersonalDataErased event) {
            return null;
        }

        @Override
        public StoredOverview visit(ConsultationHeld event) {
            return null;
        }

        @Override
        public StoredOverview visit(ContraindicationScreened event) {
            return null;
        }

        @Override
        public StoredOverview visit(ConsentSigned event) {
            return null;
        }

        @Override
        public StoredOverview visit(PatchTestRecorded event) {
            return null;
        }

        @Override
        public StoredOverview visit(HairlineDesigned event) {
            return null;
        }

        @Override
        public StoredOverview visit(AftercareIssued event) {
            return null;
        }

        @Override
        public StoredOverview visit(HealingAssessed event) {
            return null;
        }

        @Override
        public StoredOverview visit(AdverseReactionReported event) {
            return null;
        }
    }

    private static void summarise(StoredOverview client, ReadModelBatch batch) {
        if (client.clinicId() == null) {
            return;
        }
        int course = client.course();
        Instant lastSessionAt = client.sessions().stream()
                .map(StoredOverview.Session::at)
                .max(Comparator.naturalOrder())
                .orElse(null);
        long inCourse =
                client.sessions().stream().filter(s -> s.course() == course).count();
        batch.set(
                StoredOverview.ClinicClients.MODEL,
                client.clinicId(),
                "clients." + FieldKey.of(client.clientId()),
                new StoredOverview.ClientSummary(
                        client.clientId(),
                        client.sessions().size(),
                        course,
                        (int) inCourse,
                        lastSessionAt,
                        client.touchUpRequestedAt()));
    }
}
