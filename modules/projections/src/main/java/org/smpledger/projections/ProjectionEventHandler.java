package org.smpledger.projections;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.axonframework.eventhandling.EventMessage;
import org.smpledger.processing.EventBatchHandler;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Feeds one projection generation from its processor, a batch at a time: the batch's events are
 * read once when it begins, and every document they will read is fetched in one go; the writes
 * go to MongoDB when the batch is finished, before the processor stores its token, so a crash can
 * only make it deliver events again, which the projections ignore or re-apply to the same result.
 */
public final class ProjectionEventHandler implements EventBatchHandler<ProjectionEventHandler.Batch> {

    private final Projection projection;
    private final MongoDatabase database;
    private final Generation generation;

    public ProjectionEventHandler(Projection projection, MongoDatabase database, Generation generation) {
        this.projection = projection;
        this.database = database;
        this.generation = generation;
    }

    /** A batch's writes, and its events as the projection sees them (read once, when the batch begins). */
    public record Batch(ReadModelBatch writes, Map<EventMessage<?>, ProjectionEvent> events) {}

    @Override
    public Batch begin(List<? extends EventMessage<?>> messages) {
        Batch batch = new Batch(new ReadModelBatch(database, generation), new IdentityHashMap<>());
        List<ReadModel.Key> reads = new ArrayList<>();
        for (EventMessage<?> message : messages) {
            ProjectionEvent event = ProjectionEvent.of(message);
            batch.events.put(message, event);
            if (event != null) {
                reads.addAll(projection.reads(event));
            }
        }
        batch.writes.prefetch(reads);
        return batch;
    }

    @Override
    public void handle(EventMessage<?> message, Batch batch) {
        ProjectionEvent event =
                batch.events.containsKey(message) ? batch.events.get(message) : ProjectionEvent.of(message);
        if (event != null) {
            projection.apply(event, batch.writes);
        }
    }

    @Override
    public CompletionStage<?> finish(Batch batch) {
        if (!batch.writes.isEmpty()) {
            batch.writes.flush();
        }
        return EventBatchHandler.done();
    }
}
