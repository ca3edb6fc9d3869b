package org.smpledger.projections;

import java.util.List;
import org.bson.Document;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A read model with one document per client ({@code _id} = client id) built from that client's
 * stream in sequence order. {@code lastSequence} makes a redelivered event a no-op for the
 * document (at-least-once processors redeliver after a crash); the clinic is filled in from the
 * first event that names it.
 */
public abstract class ClientStreamProjection implements Projection {

    private final String collection;

    protected ClientStreamProjection(String collection) {
        this.collection = collection;
    }

    @Override
    public final List<String[]> reads(ProjectionEvent event) {
        return event.payload() instanceof TreatmentRecordEvent e
                ? List.<String[]>of(new String[] {collection, e.clientId()})
                : List.of();
    }

    @Override
    public final void apply(ProjectionEvent event, ReadModelBatch batch) {
        if (!(event.payload() instanceof TreatmentRecordEvent payload)) {
            return;
        }
        Document client = batch.find(collection, payload.clientId());
        boolean identityChanged = client == null;
        if (client == null) {
            client = newClient(
                    new Document("_id", payload.clientId())
                            .append("clinicId", event.clinicId())
                            .append("lastSequence", -1L),
                    event);
        } else if (event.sequence() <= client.get("lastSequence", Number.class).longValue()) {
            redelivered(client, batch);
            return;
        }
        client.put("lastSequence", event.sequence());
        if (client.getString("clinicId") == null && event.clinicId() != null) {
            client.put("clinicId", event.clinicId());
            identityChanged = true;
        }
        apply(event, payload, client, identityChanged, batch);
        batch.save(collection, payload.clientId(), client);
    }

    /** The fields of a client's first document beyond {@code _id}, {@code clinicId} and {@code lastSequence}. */
    protected abstract Document newClient(Document client, ProjectionEvent event);

    /**
     * Applies an event not seen before to the client's document, which is saved afterwards.
     * {@code identityChanged}: the document is new, or has just learned its clinic.
     */
    protected abstract void apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            Document client,
            boolean identityChanged,
            ReadModelBatch batch);

    /** An event the document already holds came again; by default nothing happens. */
    protected void redelivered(Document client, ReadModelBatch batch) {}
}
