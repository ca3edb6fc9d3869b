package org.smpledger.projections;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Feeds one projection generation from a streaming processor. The writes of a batch of events go
 * to MongoDB when the batch's last event has been handled: before the processor stores its token,
 * so a crash can only make it deliver events again, which the projections ignore or re-apply to
 * the same result.
 */
public final class ProjectionEventHandler implements EventMessageHandler {

    private final Projection projection;
    private final MongoDatabase database;
    private final Generation generation;
    private final String batchResource;

    public ProjectionEventHandler(Projection projection, MongoDatabase database, Generation generation) {
        this.projection = projection;
        this.database = database;
        this.generation = generation;
        this.batchResource = "smp.projection.batch." + generation.processorName();
    }

    @Override
    public Object handle(EventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            ProjectionEvent event = ProjectionEvent.of(message);
            ReadModelBatch batch = new ReadModelBatch(database, generation);
            if (event != null) {
                projection.apply(event, batch);
            }
            batch.flush();
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch batch = unitOfWork.getOrComputeResource(batchResource, key -> startBatch(unitOfWork));
        ProjectionEvent event =
                batch.events.containsKey(message) ? batch.events.get(message) : ProjectionEvent.of(message);
        if (event != null) {
            projection.apply(event, batch.writes);
        }
        boolean lastOfBatch = !(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage();
        if (lastOfBatch && !batch.writes.isEmpty()) {
            batch.writes.flush();
        }
        return null;
    }

    /** A batch's writes, and its events as the projection sees them (read once, when the batch starts). */
    private record Batch(ReadModelBatch writes, Map<EventMessage<?>, ProjectionEvent> events) {}

    private Batch startBatch(UnitOfWork<?> unitOfWork) {
        Batch batch = new Batch(new ReadModelBatch(database, generation), new IdentityHashMap<>());
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            List<String[]> reads = new ArrayList<>();
            for (Object message : batching.getMessages()) {
                if (!(message instanceof EventMessage<?> eventMessage)) {
                    continue;
                }
                ProjectionEvent event = ProjectionEvent.of(eventMessage);
                batch.events.put(eventMessage, event);
                if (event != null) {
                    reads.addAll(projection.reads(event));
                }
            }
            batch.writes.prefetch(reads);
        }
        return batch;
    }

    @Override
    public Class<?> getTargetType() {
        return projection.getClass();
    }
}
