package org.smpledger.processing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * the token is stored only once the batch is durable.
 */
final class BatchedEventHandler<B> implements EventMessageHandler {

    private final EventBatchHandler<B> handler;
    private final String resource;

    BatchedEventHandler(EventBatchHandler<B> handler, String resource) {
        this.handler = handler;
        this.resource = resource;
    }

    @Override
    public Object handle(EventMessage<?> message) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            handler.handleAlone(message);
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        OpenBatch<B> batch = unitOfWork.getResource(resource);
        if (batch == null) {
            batch = begin(unitOfWork);
            unitOfWork.resources().put(resource, batch);
        }
        handler.handle(message, batch.state);
        return null;
    }

    @Override
    public Class<?> getTargetType() {
        return handler.getClass();
    }

    private OpenBatch<B> begin(UnitOfWork<?> unitOfWork) throws Exception {
        List<? extends EventMessage<?>> events = unitOfWork instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages().stream().map(m -> (EventMessage<?>) m).toList()
                : List.of((EventMessage<?>) unitOfWork.getMessage());
        OpenBatch<B> batch = new OpenBatch<>(handler, handler.begin(events));
        unitOfWork.afterCommit(u -> handler.committed(batch.state));
        unitOfWork.onRollback(u -> handler.rolledBack(batch.state, cause(u.getExecutionResult())));
        return batch;
    }

    private static Throwable cause(ExecutionResult result) {
        return result != null && result.isExceptionResult() ? result.getExceptionResult() : null;
    }

    /** A batch under way in a unit of work, finished at most once. */
    static final class OpenBatch<B> {
        private final EventBatchHandler<B> handler;
        private final B state;
        private CompletableFuture<?> finished;

        OpenBatch(EventBatchHandler<B> handler, B state) {
            this.handler = handler;
            this.state = state;
        }

        /** Finishes the batch (once); the stage completes when the batch is durable. Rethrows a failure to finish. */
        CompletableFuture<?> finish() {
            if (finished == null) {
                CompletionStage<?> stage;
                try {
                    stage = handler.finish(state);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new EventBatchFailedException(String.valueOf(e.getMessage()), e);
                }
                finished = stage == null ? CompletableFuture.completedFuture(null) : stage.toCompletableFuture();
            }
            return finished;
        }
    }
}
