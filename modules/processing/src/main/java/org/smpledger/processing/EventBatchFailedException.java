package org.smpledger.processing;

/** A batch could not be made durable; its token stays where it was and the batch is delivered again. */
public final class EventBatchFailedException extends RuntimeException {

    public EventBatchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
