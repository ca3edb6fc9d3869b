package org.smpledger.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon which append failures are duplicate keys, so that it raises
 * {@code ConcurrencyException} (or {@code AggregateStreamCreationException} for sequence 0):
 * MongoDB's duplicate-key error (code 11000) on the stream-key or event-id index, and a commit that
 * names the same stream key or event id twice.
 */
public final class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        if (exception instanceof DuplicateWithinCommitException) {
            return true;
        }
        return isDuplicateKey(exception);
    }

    static boolean isDuplicateKey(Throwable exception) {
        if (exception instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (exception instanceof MongoServerException server) {
            return ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY;
        }
        return false;
    }

    /** A commit that would hold the same stream position or event identifier twice. */
    static final class DuplicateWithinCommitException extends RuntimeException {
        DuplicateWithinCommitException(String message) {
            super(message);
        }
    }
}
