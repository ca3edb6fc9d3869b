package org.smpledger.projections.overview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
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
 * holds one small summary per client, set from the client's document after every event (and
 * again when an event is delivered twice), so it is always what the client document says.
 * Whether an interval has passed or a touch-up is due depends on the day: the query decides.
 */
public final class ClinicOverviewProjection extends ClientStreamProjection {

    public static final String NAME = "overview";
    static final String CLIENTS = "overview_clients";
    static final String CLINICS = "overview_clinics";

    public ClinicOverviewProjection() {
        super(CLIENTS);
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
    protected Document newClient(Document client, ProjectionEvent event) {
        return client.append("course", 1)
                .append("touchUpRequestedAt", null)
                .append("sessions", new ArrayList<Document>());
    }

    @Override
    protected void apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            Document client,
            boolean identityChanged,
            ReadModelBatch batch) {
        boolean changed = payload.accept(new ClientChange(event, client)) || identityChanged;
        if (changed) {
            summarise(client, batch);
        }
    }

    /** Changes the client's document for one event; true when its summary may have changed. */
    private record ClientChange(ProjectionEvent event, Document client)
            implements TreatmentRecordEvent.Visitor<Boolean> {

        @Override
        public Boolean visit(SessionCompleted session) {
            client.getList("sessions", Document.class)
                    .add(new Document("eventId", event.eventId())
                            .append("course", session.course())
                            .append("at", session.startedAt().toString()));
            if (session.course() > client.getInteger("course")) {
                client.put("course", session.course());
                client.put("touchUpRequestedAt", null);
            }
            return true;
        }

        @Override
        public Boolean visit(TouchUpRequested touchUp) {
            client.put("course", client.getInteger("course") + 1);
            client.put(
                    "touchUpRequestedAt",
                    (touchUp.requestedAt() == null ? event.recordedAt() : touchUp.requestedAt()).toString());
            return true;
        }

        @Override
        public Boolean visit(RecordCorrected correction) {
            return correction.voided()
                    && client.getList("sessions", Document.class)
                            .removeIf(s -> correction.correctedEventId().equals(s.getString("eventId")));
        }

        @Override
        public Boolean visit(ClientRegistered event) {
            return false;
        }

        @Override
        public Boolean visit(ClientDetailsCorrected event) {
            return false;
        }

        @Override
        public Boolean visit(ConsultationHeld event) {
            return false;
        }

        @Override
        public Boolean visit(ContraindicationScreened event) {
            return false;
        }

        @Override
        public Boolean visit(ConsentSigned event) {
            return false;
        }

        @Override
        public Boolean visit(PatchTestRecorded event) {
            return false;
        }

        @Override
        public Boolean visit(HairlineDesigned event) {
            return false;
        }

        @Override
        public Boolean visit(AftercareIssued event) {
            return false;
        }

        @Override
        public Boolean visit(HealingAssessed event) {
            return false;
        }

        @Override
        public Boolean visit(AdverseReactionReported event) {
            return false;
        }
    }

    @Override
    protected void redelivered(Document client, ReadModelBatch batch) {
        summarise(client, batch);
    }

    private static void summarise(Document client, ReadModelBatch batch) {
        String clinicId = client.getString("clinicId");
        if (clinicId == null) {
            return;
        }
        int course = client.getInteger("course");
        List<Document> sessions = client.getList("sessions", Document.class);
        String lastSessionAt = sessions.stream()
                .map(s -> s.getString("at"))
                .max(Comparator.naturalOrder())
                .orElse(null);
        long inCourse =
                sessions.stream().filter(s -> s.getInteger("course") == course).count();
        batch.set(
                CLINICS,
                clinicId,
                "clients." + FieldKey.of(client.getString("_id")),
                new Document("clientId", client.getString("_id"))
                        .append("totalSessions", sessions.size())
                        .append("course", course)
                        .append("sessionsInCourse", (int) inCourse)
                        .append("lastSessionAt", lastSessionAt)
                        .append("touchUpRequestedAt", client.getString("touchUpRequestedAt")));
    }
}
