package org.smpledger.projections;

import java.util.List;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A read model with one record per client ({@code _id} = client id) built from that client's
 * stream in sequence order. {@code lastSequence} makes a redelivered event a no-op for the
 * record (at-least-once processors redeliver after a crash); the clinic is filled in from the
 * first event that names it.
 *
 * @param <D> the record stored per client
 */
public abstract class ClientStreamProjection<D extends ClientStreamProjection.ClientRecord<D>> implements Projection {

    /** What every per-client record holds besides its own fields. */
    public interface ClientRecord<D> {
        String clientId();

        String clinicId();

        /** The stream sequence of the last event applied; -1 before the first. */
        long lastSequence();

        /** This record having applied the event at {@code sequence}, with the clinic as now known. */
        D appliedUpTo(long sequence, String clinicId);
    }

    private final ReadModel<D> clients;

    protected ClientStreamProjection(ReadModel<D> clients) {
        this.clients = clients;
    }

    @Override
    public final List<ReadModel.Key> reads(ProjectionEvent event) {
        return event.payload() instanceof TreatmentRecordEvent e ? List.of(clients.key(e.clientId())) : List.of();
    }

    @Override
    public final void apply(ProjectionEvent event, ReadModelBatch batch) {
        if (event.payload() instanceof ClinicPolicyEvent policy) {
            clinicPolicy(event, policy, batch);
            return;
        }
        if (!(event.payload() instanceof TreatmentRecordEvent payload)) {
            return;
        }
        D client = batch.find(clients, payload.clientId());
        boolean identityChanged = client == null;
        if (client == null) {
            client = newClient(payload.clientId(), event.clinicId(), event);
        } else if (event.sequence() <= client.lastSequence()) {
            redelivered(client, batch);
            return;
        }
        String clinicId = client.clinicId();
        if (clinicId == null && event.clinicId() != null) {
            clinicId = event.clinicId();
            identityChanged = true;
        }
        client = apply(event, payload, client.appliedUpTo(event.sequence(), clinicId), identityChanged, batch);
        batch.save(clients, client);
    }

    /** A client's first record (lastSequence -1), before its first event is applied. */
    protected abstract D newClient(String clientId, String clinicId, ProjectionEvent event);

    /**
     * Applies an event not seen before to the client's record; the result is saved.
     * {@code identityChanged}: the record is new, or has just learned its clinic.
     */
    protected abstract D apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            D client,
            boolean identityChanged,
            ReadModelBatch batch);

    /** An event the record already holds came again; by default nothing happens. */
    protected void redelivered(D client, ReadModelBatch batch) {}

    /** A clinic adopted a policy (an event of no client's stream); by default nothing happens. */
    protected void clinicPolicy(ProjectionEvent event, ClinicPolicyEvent policy, ReadModelBatch batch) {}
}
