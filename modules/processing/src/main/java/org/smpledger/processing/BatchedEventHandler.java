package org.smpledger.processing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs an {@link EventBatchHandler} as the only handler of a tracking processor. The batch begins
 * with the processor's unit of work (all its events known) and is kept as a resource of it; it is
 * finished by {@link TokensAfterBatches} when the processor stores the batch's token, which is the
 * first thing Axon does when the unit of work commits: every event has been handled by then, and
 * the token is stored only once the batch is durable. Each segment's batches go to that segment's
 * handler (the processor names the segment in a resource of the unit of work).
 */
final class BatchedEventHandler implements EventMessageHandler {

    private final IntFunction<? extends EventBatchHandler<?>> handlers;
    private final Map<Integer, SegmentBatches<?>> bySegment = new ConcurrentHashMap<>();
    private final String resource;
    private final String segmentResource;

    /**
     * {@code segmentResource}: the unit-of-work resource in which the tracking processor names the
     * segment a batch belongs to.
     */
    BatchedEventHandler(IntFunction<? extends EventBatchHandler<?>> handlers, String resource, String segmentResource) {
        this.handlers = handlers;
        this.resource = resource;
        this.segmentResource = segmentResource;
    }

    @Override
    public Object handle(EventMessage<?> message) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            segment(0).handler.handleAlone(message);
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        OpenBatch<?> batch = unitOfWork.getResource(resource);
        if (batch == null) {
            Integer segment = unitOfWork.getResource(segmentResource);
            batch = segment(segment == null ? 0 : segment).begin(unitOfWork);
            unitOfWork.resources().put(resource, batch);
        }
        batch.handle(message);
        return null;
    }

    @Override
    public Class<?> getTargetType() {
        return segment(0).handler.getClass();
    }

    private SegmentBatches<?> segment(int segment) {
        return bySegment.computeIfAbsent(segment, id -> new SegmentBatches<>(handlers.apply(id)));
    }

    private static Throwable cause(ExecutionResult result) {
        return result != null && result.isExceptionResult() ? result.getExceptionResult() : null;
    }

    /** The batches of one segment, through its handler. */
    static final class SegmentBatches<B> {
        private final EventBatchHandler<B> handler;
        /** The batch finished last; its failure, if it failed after its unit of work, is still to be told. */
        private volatile OpenBatch<B> lastFinished;

        SegmentBatches(EventBatchHandler<B> handler) {
            this.handler = handler;
        }

        private OpenBatch<B> begin(UnitOfWork<?> unitOfWork) throws Exception {
            List<? extends EventMessage<?>> events = unitOfWork instanceof BatchingUnitOfWork<?> batching
                    ? batching.getMessages().stream()
                            .map(m -> (EventMessage<?>) m)
                            .toList()
                    : List.of((EventMessage<?>) unitOfWork.getMessage());
            tellFailureOfLastFinished();
            OpenBatch<B> batch = new OpenBatch<>(this, handler.begin(events));
            unitOfWork.afterCommit(u -> handler.committed(batch.state));
            unitOfWork.onRollback(u -> {
                OpenBatch<B> last = lastFinished;
                if (last != null) {
                    // the handler's roll-back covers every write still in flight, the failed one included
                    last.failureTold = true;
                }
                handler.rolledBack(batch.state, cause(u.getExecutionResult()));
            });
            return batch;
        }

        /**
         * A batch whose writes failed after its unit of work committed is told as rolled back before
         * the next batch begins, when the failure surfaced where no batch was under way (a claim
         * extended between batches): the handler hears of every failed batch on the processor's thread.
         */
        private void tellFailureOfLastFinished() {
            OpenBatch<B> last = lastFinished;
            if (last == null
                    || last.failureTold
                    || last.finished == null
                    || !last.finished.isCompletedExceptionally()) {
                return;
            }
            last.failureTold = true;
            Throwable cause = last.finished.handle((result, failure) -> failure).join();
            handler.rolledBack(last.state, cause instanceof CompletionException e ? e.getCause() : cause);
        }
    }

    /** A batch under way in a unit of work, finished at most once. */
    static final class OpenBatch<B> {
        private final SegmentBatches<B> owner;
        private final B state;
        private volatile CompletableFuture<?> finished;
        private volatile boolean failureTold;

        OpenBatch(SegmentBatches<B> owner, B state) {
            this.owner = owner;
            this.state = state;
        }

        void handle(EventMessage<?> message) throws Exception {
            owner.handler.handle(message, state);
        }

        boolean isFinished() {
            return finished != null;
        }

        /** Finishes the batch (once); the stage completes when the batch is durable. Rethrows a failure to finish. */
        CompletableFuture<?> finish() {
            if (finished == null) {
                CompletionStage<?> stage;
                try {
                    stage = owner.handler.finish(state);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new EventBatchFailedException(String.valueOf(e.getMessage()), e);
                }
                finished = stage == null ? CompletableFuture.completedFuture(null) : stage.toCompletableFuture();
                owner.lastFinished = this;
            }
            return finished;
        }
    }
}
