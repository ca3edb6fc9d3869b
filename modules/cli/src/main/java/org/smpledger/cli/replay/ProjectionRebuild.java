package org.smpledger.cli.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.bson.Document;
import org.smpledger.cli.CliFailure;
import org.smpledger.cli.ExitCodes;
import org.smpledger.eventstore.MongoCommitStorageEngine;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEventHandler;
import org.smpledger.projections.replay.GenerationPointer;
import org.smpledger.projections.replay.MongoGenerationPointers;
import org.smpledger.projections.replay.Replay;
import org.smpledger.projections.store.Generation;
import org.smpledger.serialization.JsonEventSerializer;
import org.smpledger.serialization.ServiceJson;

/**
 * One projection's rebuild, batch after batch, through the projections' own batch handler
 * ({@link ProjectionEventHandler}) into the next generation's collections. After each batch's writes
 * are acknowledged, its position is stored as the token of the generation's processor
 * ({@code <projection>@g<N>}, in the service's token collection): a rebuild stopped by Ctrl-C or a
 * crash resumes from there, and the service, started on the database later, continues from the
 * same token. At the head of the log the generation is made live (one pointer update) and the old
 * one's collections and token are removed.
 */
final class ProjectionRebuild {

    /** A token claim younger than this is a running service's. */
    private static final Duration LIVE_CLAIM = Duration.ofSeconds(30);

    private final MongoCommitStorageEngine source;
    private final MongoDatabase target;
    private final String tokenCollection;
    private final TokenStore tokens;
    private final MongoGenerationPointers pointers;
    private final int batchSize;
    private final PrintStream err;
    private final boolean progress;

    ProjectionRebuild(
            MongoCommitStorageEngine source,
            MongoDatabase target,
            String tokenCollection,
            int batchSize,
            PrintStream err,
            boolean progress) {
        this.source = source;
        this.target = target;
        this.tokenCollection = tokenCollection;
        this.tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(target)
                        .trackingTokensCollectionName(tokenCollection)
                        .build())
                .serializer(JsonEventSerializer.on(ServiceJson.mapper(), new AnnotationRevisionResolver()))
                .nodeId("smp-cli-replay")
                .build();
        this.pointers = new MongoGenerationPointers(target);
        this.batchSize = batchSize;
        this.err = err;
        this.progress = progress;
    }

    record Outcome(int generation, long position, long head, boolean interrupted, String describe) {}

    Outcome run(Projection projection, AtomicBoolean stop, LongConsumer afterBatch) {
        String name = projection.name();
        GenerationPointer pointer = pointers.pointer(name);
        refuseWhileServed(new Generation(name, pointer.live()));
        Generation from = new Generation(name, pointer.live());
        Generation to;
        if (pointer.building() != null) {
            to = new Generation(name, pointer.building());
            refuseWhileServed(to);
        } else {
            to = pointers.reserveNext(name);
        }
        if (tokens.fetchSegments(to.processorName()).length == 0) {
            tokens.initializeTokenSegments(to.processorName(), 1, null);
        }
        TrackingToken stored = tokens.fetchToken(to.processorName(), 0);
        long position = stored == null ? 0 : stored.position().orElse(0);
        long head = source.createHeadToken().position().orElse(0);
        if (position > 0) {
            err.println(
                    "resuming the rebuild of " + name + " (generation " + to.number() + ") at position " + position);
        }
        Replay replay = new Replay(from, to, position, Instant.now());
        ProgressBar bar = new ProgressBar(err, progress);
        ProjectionEventHandler handler = new ProjectionEventHandler(projection, target, to);
        try {
            while (true) {
                long before = position;
                try (Stream<? extends TrackedEventMessage<?>> events =
                        source.readEvents(position == 0 ? null : new GlobalSequenceTrackingToken(position), false)) {
                    List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
                    var iterator = events.iterator();
                    while (iterator.hasNext() && !stop.get()) {
                        batch.add(iterator.next());
                        if (batch.size() == batchSize || !iterator.hasNext()) {
                            position = apply(handler, batch, to);
                            batch.clear();
                            head = Math.max(head, position);
                            replay.advance(position, head, Instant.now());
                            bar.update(replay, false);
                            afterBatch.accept(position);
                        }
                    }
                }
                if (stop.get()) {
                    bar.update(replay, true);
                    bar.end();
                    return new Outcome(to.number(), position, head, true, replay.describe());
                }
                head = Math.max(position, source.createHeadToken().position().orElse(0));
                if (position == before || position >= head) {
                    break;
                }
            }
            replay.advance(position, head, Instant.now());
            pointers.makeLive(to);
            replay.complete(Instant.now());
            bar.update(replay, true);
            bar.end();
            retire(projection, from);
            return new Outcome(to.number(), position, head, false, replay.describe());
        } finally {
            try {
                tokens.releaseClaim(to.processorName(), 0);
            } catch (RuntimeException ignored) {
                // the claim lapses on its own after the token store's claim timeout
            }
        }
    }

    /** Handles one batch and waits until its writes are acknowledged; stores and returns its position. */
    private long apply(ProjectionEventHandler handler, List<TrackedEventMessage<?>> batch, Generation to) {
        ProjectionEventHandler.Batch writes = handler.begin(batch);
        for (TrackedEventMessage<?> message : batch) {
            handler.handle(message, writes);
        }
        try {
            handler.finish(writes).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        TrackingToken token = batch.get(batch.size() - 1).trackingToken();
        tokens.storeToken(token, to.processorName(), 0);
        return token.position().orElse(0);
    }

    /** Refuses to build when a running service claims the generation's processor (it would be rebuilt twice). */
    private void refuseWhileServed(Generation generation) {
        MongoCollection<Document> stored = target.getCollection(tokenCollection);
        Document token = stored.find(new Document("processorName", generation.processorName()).append("segment", 0))
                .first();
        if (token == null || token.get("owner") == null || "smp-cli-replay".equals(token.getString("owner"))) {
            return;
        }
        Object timestamp = token.get("timestamp");
        long claimedAt = timestamp instanceof Number n ? n.longValue() : 0;
        if (System.currentTimeMillis() - claimedAt < LIVE_CLAIM.toMillis()) {
            throw new CliFailure(
                    ExitCodes.TARGET_IN_USE,
                    "a running service processes " + generation.projection() + " in " + target.getName()
                            + " (processor " + generation.processorName() + " claimed by " + token.get("owner")
                            + "): stop it, or replay into another database (--target-database)");
        }
    }

    /** Drops the old generation's collections and deletes its processor's token. */
    private void retire(Projection projection, Generation generation) {
        List<String> existing = target.listCollectionNames().into(new ArrayList<>());
        projection.collections().stream()
                .map(generation::collection)
                .filter(existing::contains)
                .forEach(collection -> target.getCollection(collection).drop());
        target.getCollection(tokenCollection).deleteMany(new Document("processorName", generation.processorName()));
    }
}
