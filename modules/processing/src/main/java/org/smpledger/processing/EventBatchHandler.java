package org.smpledger.processing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Handles a processor's batch of events as a whole: it sees every event of the batch before the
 * first is handled ({@link #begin}), handles them one by one, and makes their effects durable in
 * {@link #finish} (a bulk write, Kafka's acknowledgements). A processor registered through
 * {@link EventProcessors} stores the batch's token only after {@code finish} returned and its stage
 * completed; a batch that fails anywhere is rolled back and delivered again from the stored token.
 *
 * @param <B> what the handler keeps for one batch
 */
public interface EventBatchHandler<B> {

    /** Starts a batch of {@code events} (in stream order, at least one). */
    B begin(List<? extends EventMessage<?>> events) throws Exception;

    void handle(EventMessage<?> event, B batch) throws Exception;

    /**
     * Makes the batch durable. The token moves once the returned stage completes normally; a stage
     * that fails (or an exception) rolls the batch back.
     */
    CompletionStage<?> finish(B batch) throws Exception;

    /** The batch is done and its token stored. */
    default void committed(B batch) {}

    /** The batch failed; nothing of it counts, and the processor will deliver it again. */
    default void rolledBack(B batch, Throwable cause) {}

    /** A stage for {@link #finish} when the batch is already durable on return. */
    static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Handles one event as a batch of its own, outside any processor: begun, handled, finished and
     * committed (e.g. to feed a handler events by hand in a test).
     */
    default void handleAlone(EventMessage<?> event) throws Exception {
        B batch = begin(List.of(event));
        try {
            handle(event, batch);
            Stages.await(finish(batch));
        } catch (Exception | Error e) {
            rolledBack(batch, e);
            throw e;
        }
        committed(batch);
    }
}
