package org.smpledger.processing;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token store as one processor sees it: a token moves only past batches whose effects are
 * durable.
 * <p>
 * Axon's tracking processor stores a batch's token in the first prepare-commit callback of the
 * batch's unit of work (built with {@code storingTokensAfterProcessing()}): after every event was
 * handled, before any callback a handler could register. Storing a token here first finishes that
 * batch (the {@link BatchedEventHandler.OpenBatch} kept in the unit of work). A batch that fails to
 * finish fails the commit: the unit of work rolls back and the token stays.
 * <p>
 * A batch whose finishing stage is still running (its writes go behind, while the processor handles
 * the next batch) has its token held here and stored once the stage completed: when the next token
 * is due, when the claim is extended (between batches, and every second while idle), and before
 * the claim is released. A stage that failed is reported at that point (failing the batch under
 * way, so both are delivered again from the stored token), and its token is never stored.
 * {@link #position} is the position up to which batches are durable.
 * <p>
 * Fencing: a batch's writes start only after its segment's claim was confirmed in the store
 * ({@code extendClaim}, which succeeds only for the owner of a claim). An instance that was paused
 * or cut off past the claim timeout, while another took the segment over, fails that confirmation:
 * its batch is abandoned unwritten, and the token update would fail the same way (axon-mongo stores
 * a token only for the claim's owner). What is left is the time between the confirmation and the
 * writes (one batch's write-behind, milliseconds); see docs/operations.md.
 */
final class TokensAfterBatches extends ForwardingTokenStore {

    private static final Logger log = LoggerFactory.getLogger(TokensAfterBatches.class);

    private final String batchResource;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Long> durable = new ConcurrentHashMap<>();

    /** A token held until the stage of its batch completes. */
    private record Pending(TrackingToken token, String processorName, CompletableFuture<?> stage) {}

    TokensAfterBatches(TokenStore delegate, String batchResource) {
        super(delegate);
        this.batchResource = batchResource;
    }

    /**
     * The lowest position, over the segments this processor holds, up to which every batch is
     * durable; empty before the processor holds a segment, or while it stands before the first event.
     */
    OptionalLong position() {
        OptionalLong lowest =
                durable.values().stream().mapToLong(Long::longValue).min();
        return lowest.isPresent() && lowest.getAsLong() >= 0 ? lowest : OptionalLong.empty();
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        BatchedEventHandler.OpenBatch<?> batch =
                CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(batchResource) : null;
        if (batch != null && !batch.isFinished()) {
            // fencing: a holder that lost its claim (paused or cut off past the claim timeout) writes nothing
            delegate.extendClaim(processorName, segment);
        }
        CompletableFuture<?> stage = batch == null ? CompletableFuture.completedFuture(null) : batch.finish();
        settle(segment, true);
        if (stage.isDone()) {
            Stages.await(stage);
            store(token, processorName, segment);
        } else {
            pending.put(segment, new Pending(token, processorName, stage));
            stage.thenRun(() -> durable.merge(segment, position(token), Math::max));
        }
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        settle(segment, false);
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        try {
            settle(segment, true);
        } catch (RuntimeException e) {
            log.debug("A batch of {} did not become durable before its claim was released: {}", processorName, e);
        } finally {
            pending.remove(segment);
            durable.remove(segment);
            delegate.releaseClaim(processorName, segment);
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return noted(delegate.fetchToken(processorName, segment), segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return noted(delegate.fetchToken(processorName, segment), segment.getSegmentId());
    }

    /**
     * Stores the held token of the segment once its batch is durable: waiting for that if
     * {@code wait}, else only if it is durable already. Rethrows the batch's failure.
     */
    private void settle(int segment, boolean wait) {
        Pending held = pending.get(segment);
        if (held == null || !wait && !held.stage().isDone()) {
            return;
        }
        pending.remove(segment);
        Stages.await(held.stage());
        store(held.token(), held.processorName(), segment);
    }

    private void store(TrackingToken token, String processorName, int segment) {
        delegate.storeToken(token, processorName, segment);
        durable.merge(segment, position(token), Math::max);
    }

    private TrackingToken noted(TrackingToken token, int segment) {
        durable.put(segment, position(token));
        return token;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
