package org.smpledger.processing;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The token store as one processor sees it: storing the token of a batch first finishes that batch
 * (the {@link BatchedEventHandler.OpenBatch} kept in the processor's unit of work), so a token never
 * moves past events whose effects are not durable yet. Axon's tracking processor stores the token
 * in the first prepare-commit callback of the batch's unit of work (built with
 * {@code storingTokensAfterProcessing()}), after every event was handled and before any callback a
 * handler could register, so this is the one place that runs exactly before the token moves. A batch
 * that fails to finish fails the commit: the unit of work rolls back and the token stays.
 * Everything else goes to the application's token store unchanged.
 */
final class TokensAfterBatches implements TokenStore {

    private final TokenStore delegate;
    private final String batchResource;

    TokensAfterBatches(TokenStore delegate, String batchResource) {
        this.delegate = delegate;
        this.batchResource = batchResource;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (CurrentUnitOfWork.isStarted()) {
            BatchedEventHandler.OpenBatch<?> batch =
                    CurrentUnitOfWork.get().root().getResource(batchResource);
            if (batch != null) {
                batch.finish();
            }
        }
        delegate.storeToken(token, processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
