package org.smpledger.processing;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Waiting for a batch's finishing stage, with its failure rethrown as it was raised. */
final class Stages {

    private Stages() {}

    static void await(CompletionStage<?> stage) {
        if (stage == null) {
            return;
        }
        try {
            stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventBatchFailedException("interrupted while a batch was finishing", e);
        } catch (CancellationException e) {
            throw new EventBatchFailedException("a batch's finishing was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new EventBatchFailedException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
