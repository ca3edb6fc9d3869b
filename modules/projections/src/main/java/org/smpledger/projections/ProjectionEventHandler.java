package org.smpledger.projections;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelBatch;

import java.util.ArrayList;
import java.util.List;

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
        ProjectionEvent event = ProjectionEvent.of(message);
        if (!CurrentUnitOfWork.isStarted()) {
            ReadModelBatch batch = new ReadModelBatch(database, generation);
            if (event != null) {
                projection.apply(event, batch);
            }
            batch.flush();
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        ReadModelBatch batch = unitOfWork.getOrComputeResource(batchResource, key -> startBatch(unitOfWork));
        if (event != null) {
            projection.apply(event, batch);
        }
        boolean lastOfBatch = !(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage();
        if (lastOfBatch && !batch.isEmpty()) {
            batch.flush();
        }
        return null;
    }

    private ReadModelBatch startBatch(UnitOfWork<?> unitOfWork) {
        ReadModelBatch batch = new ReadModelBatch(database, generation);
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            List<String[]> reads = new ArrayList<>();
            for (Object message : batching.getMessages()) {
                ProjectionEvent event = message instanceof EventMessage<?> eventMessage ? ProjectionEvent.of(eventMessage) : null;
                if (event != null) {
                    reads.addAll(projection.reads(event));
                }
            }
            batch.prefetch(reads);
        }
        return batch;
    }

    @Override
    public Class<?> getTargetType() {
        return projection.getClass();
    }
}
