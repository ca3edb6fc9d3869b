package org.smpledger.app.domain;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The command gateway's retries: Axon's exponential back-off scheduler, asked only when another
 * writer appended to the stream first ({@link ConcurrencyException}, or
 * {@link AggregateStreamCreationException} for a new stream). Sent again, the command meets the
 * stream as it now is: a retried request finds its first outcome, an {@code If-Match} reports the
 * conflict, any other command is checked against the new state. A clinic rule's refusal or any
 * other failure is answered at once.
 */
final class ConflictRetries implements RetryScheduler, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final RetryScheduler backOff;

    ConflictRetries(int retries, Duration firstRetryAfter) {
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-conflict-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.backOff = retries == 0
                ? (command, failure, failures, dispatch) -> false
                : ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(executor)
                        .maxRetryCount(retries)
                        .backoffFactor(firstRetryAfter.toMillis())
                        .build();
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable dispatchTask) {
        return isConflict(lastFailure) && backOff.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /** Retries already scheduled still run (their senders wait for them); new ones are refused and answer the conflict. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
