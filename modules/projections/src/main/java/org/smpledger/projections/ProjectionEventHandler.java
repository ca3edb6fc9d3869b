package org.smpledger.projections;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.smpledger.processing.EventBatchHandler;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Feeds one projection generation from its processor, a batch at a time: the batch's events are
 * read once when it begins, and every document they will read is fetched in one go.
 * <p>
 * Writes go behind: a finished batch's bulk write is sent from a thread of its own while the
 * processor handles the next batch, which takes the documents the batch in flight read or wrote
 * from memory. At most one batch is in flight: finishing a batch first waits for the previous
 * one's write (and fails if that write failed). The processor stores a batch's token only once its
 * write is acknowledged ({@link org.smpledger.processing.EventProcessors}), so a crash can only make
 * it deliver events again, which the projections ignore or re-apply to the same result.
 */
public final class ProjectionEventHandler implements EventBatchHandler<ProjectionEventHandler.Batch> {

    private final Projection projection;
    private final MongoDatabase database;
    private final Generation generation;
    private final Executor writer;
    /** The last batch with writes while its write is in flight; touched by the processor's thread only. */
    private ReadModelBatch previous;

    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    public ProjectionEventHandler(Projection projection, MongoDatabase database, Generation generation) {
        this.projection = projection;
        this.database = database;
        this.generation = generation;
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "projection-writes-" + generation.processorName());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.writer = executor;
    }

    /** A batch's writes, and its events as the projection sees them (read once, when the batch begins). */
    public record Batch(ReadModelBatch writes, Map<EventMessage<?>, ProjectionEvent> events) {}

    @Override
    public Batch begin(List<? extends EventMessage<?>> messages) {
        if (inFlight.isDone()) {
            // written: the store says the rest (another instance may have held the segment since)
            previous = null;
        }
        // the events come in stream order: the last one's position (none: the batch of no processor, unfenced)
        long last = messages.get(messages.size() - 1) instanceof TrackedEventMessage<?> tracked
                        && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1)
                : -1;
        Batch batch = new Batch(new ReadModelBatch(database, generation, previous, last), new IdentityHashMap<>());
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
        try {
            inFlight.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        batch.writes.previousWritten();
        if (batch.writes.isEmpty()) {
            return inFlight;
        }
        previous = batch.writes;
        inFlight = CompletableFuture.runAsync(batch.writes::flush, writer);
        return inFlight;
    }

    /**
     * Nothing of the batch counts, nor of a write still in flight: the events come again, and are
     * read against the store once that write has ended either way.
     */
    @Override
    public void rolledBack(Batch batch, Throwable cause) {
        try {
            inFlight.join();
        } catch (CompletionException ended) {
            // the write failed: its batch is delivered again as well
        }
        inFlight = CompletableFuture.completedFuture(null);
        previous = null;
    }
}
