package org.smpledger.processing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the service runs event processors (the projections and their rebuilds, the Kafka
 * publisher). Each {@link ProcessorDefinition} becomes an Axon {@link TrackingEventProcessor} with
 * its segments (one thread each, so one instance can hold them all) and a token per segment.
 * <p>
 * Its batch handler runs behind {@link BatchedEventHandler}. Failures propagate, so a failed batch
 * is retried from its token with Axon's back-off (1 s doubling to 60 s). Tokens are stored only
 * after a batch is durable ({@link TokensAfterBatches}, {@code storingTokensAfterProcessing()}: the
 * token store shares no transaction with what the handlers write). Axon's message monitors
 * (axon-micrometer when configured) report under the definition's metrics name.
 * <p>
 * Tracking rather than pooled streaming processors: a tracking processor waits on the event store's
 * stream, so a new event is picked up at once, and with one segment it handles ~10x more events per
 * second here (Axon 4's pooled coordinator counts its work queue on every event and re-polls an idle
 * store every 500 ms).
 * <p>
 * As an Axon {@link ConfigurerModule} it takes the event store, the token store and the message
 * monitors from Axon's configuration and starts and stops its processors with Axon's lifecycle
 * (inbound event connectors phase); processors registered after the start (a replay) start at once.
 * {@link #running} makes one that runs on given parts without an Axon configuration. A definition
 * may name a stream of its own ({@link ProcessorDefinition#readingFrom}); the processor is otherwise run
 * like every other.
 * <p>
 * Several instances: every instance registers the same processors; each segment is processed by the
 * instance holding its token claim, and the others stand by, claiming any segment whose claim
 * expires (a dead or cut-off holder). {@link #balance} makes an instance that holds more than its
 * share of all segments give some up, so the work spreads over the instances. Positions as the
 * store holds them (the same on every instance) come from {@link #storedPosition}.
 */
public final class EventProcessors implements ConfigurerModule, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventProcessors.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Map<String, ProcessorDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, TrackingEventProcessor> running = new LinkedHashMap<>();
    private final Map<String, TokensAfterBatches> tokens = new LinkedHashMap<>();
    private final List<String> tokensToDelete = new ArrayList<>();
    private Parts parts;
    private boolean closed;
    private volatile StoredTokens storedTokens;

    /** The parts a processor is built from; the token store is the one Axon gives the processor (its default: the application's). */
    private record Parts(
            StreamableMessageSource<TrackedEventMessage<?>> source,
            Function<String, TokenStore> tokenStores,
            Function<String, MessageMonitor<? super EventMessage<?>>> monitors) {}

    /** Processors built from Axon's configuration, once this module is registered with its configurer. */
    public EventProcessors() {}

    /** Processors over the given source and token store, not monitored, started as they are registered. */
    public static EventProcessors running(
            StreamableMessageSource<TrackedEventMessage<?>> source, TokenStore tokenStore) {
        EventProcessors processors = new EventProcessors();
        processors.start(new Parts(source, name -> tokenStore, name -> NoOpMessageMonitor.instance()));
        return processors;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(configuration -> {
            configuration.onStart(Phase.INBOUND_EVENT_CONNECTORS, () -> start(parts(configuration)));
            configuration.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, this::close);
        });
    }

    private static Parts parts(Configuration configuration) {
        return new Parts(
                configuration.eventStore(),
                name -> Optional.ofNullable(configuration.eventProcessingConfiguration())
                        .map(processing -> processing.tokenStore(name))
                        .orElseGet(() -> configuration.getComponent(TokenStore.class, InMemoryTokenStore::new)),
                name -> configuration.messageMonitor(TrackingEventProcessor.class, name));
    }

    /** Registers a processor; it starts now if the processors run already, else when they start. */
    public synchronized void register(ProcessorDefinition definition) {
        if (closed) {
            throw new IllegalStateException("the event processors are shut down");
        }
        if (definitions.containsKey(definition.name())) {
            throw new IllegalArgumentException("a processor named " + definition.name() + " is registered already");
        }
        definitions.put(definition.name(), definition);
        if (parts != null) {
            startProcessor(definition);
        }
    }

    /** Stops a processor (waiting for its current batch) and forgets it; its token stays in the store. */
    public void stop(String name) {
        TrackingEventProcessor processor;
        synchronized (this) {
            definitions.remove(name);
            processor = running.remove(name);
            tokens.remove(name);
        }
        if (processor != null) {
            processor.shutDown();
        }
    }

    public synchronized Optional<StreamingEventProcessor> processor(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /** The processors registered here, in the order they were registered. */
    public synchronized List<String> names() {
        return List.copyOf(definitions.keySet());
    }

    /** Segments the processor's tokens are made with (0: not registered). */
    public synchronized int segmentCount(String name) {
        ProcessorDefinition definition = definitions.get(name);
        return definition == null ? 0 : definition.segments();
    }

    /** The segments of the processor this instance holds the claims of, in order (empty on a standby). */
    public List<Integer> heldSegments(String name) {
        return processor(name)
                .map(p -> p.processingStatus().keySet().stream().sorted().toList())
                .orElse(List.of());
    }

    /**
     * Reads tokens from the store without claiming them (for {@link #storedPosition}); without it the
     * stored position is the position this instance's processor reports.
     */
    public void useStoredTokens(StoredTokens tokens) {
        this.storedTokens = tokens;
    }

    /**
     * The position up to which the processor's work is durable as the token store says, the same on
     * every instance: the lowest over its segments' stored tokens; empty while it has no token, or
     * while a segment stands before the first event. Without {@link #useStoredTokens}: {@link #position}.
     */
    public OptionalLong storedPosition(String name) {
        StoredTokens tokens = storedTokens;
        if (tokens == null) {
            return position(name);
        }
        List<StoredTokens.SegmentToken> segments = tokens.segments(name);
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = segments.stream()
                .mapToLong(StoredTokens.SegmentToken::position)
                .min()
                .orElse(-1);
        return lowest < 0 ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /**
     * Gives up segments this instance holds beyond its share when {@code instances} instances run:
     * the share is the segments of every registered processor divided by the instances, rounded up.
     * One segment at most per call (of the processor of which this instance holds the most), not
     * claimed again here for {@code releaseFor}, so another instance (claiming every second) takes it.
     * Returns the processor a segment was released of, if any.
     */
    public Optional<String> balance(int instances, Duration releaseFor) {
        if (instances < 2) {
            return Optional.empty();
        }
        Map<String, List<Integer>> held = new LinkedHashMap<>();
        int total;
        synchronized (this) {
            total = definitions.values().stream()
                    .mapToInt(ProcessorDefinition::segments)
                    .sum();
            for (String name : running.keySet()) {
                held.put(name, heldSegments(name));
            }
        }
        int share = (total + instances - 1) / instances;
        int holding = held.values().stream().mapToInt(List::size).sum();
        if (holding <= share) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, List<Integer>>> most = held.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()));
        if (most.isEmpty()) {
            return Optional.empty();
        }
        String name = most.get().getKey();
        List<Integer> segments = most.get().getValue();
        int segment = segments.get(segments.size() - 1);
        processor(name).ifPresent(p -> p.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS));
        log.info(
                "Releasing segment {} of {}: this instance holds {} of {} segments, its share with {} instances is {}",
                segment,
                name,
                holding,
                total,
                instances,
                share);
        return Optional.of(name);
    }

    /**
     * The position up to which the processor's batches are durable (for a handler that writes
     * behind, this trails the position the processor has handled by the batch in flight); empty
     * before it has one.
     */
    public synchronized OptionalLong position(String name) {
        TokensAfterBatches processorTokens = tokens.get(name);
        return processorTokens == null ? OptionalLong.empty() : processorTokens.position();
    }

    /**
     * The stream the processors read unless their definition names their own (its head and tail tell
     * how far behind they are); empty before the start.
     */
    public synchronized Optional<StreamableMessageSource<TrackedEventMessage<?>>> source() {
        return Optional.ofNullable(parts).map(Parts::source);
    }

    /** The stream the named processor reads: its definition's own, else {@link #source()}; empty before the start. */
    public synchronized Optional<StreamableMessageSource<TrackedEventMessage<?>>> source(String name) {
        ProcessorDefinition definition = definitions.get(name);
        if (parts == null || definition == null) {
            return Optional.empty();
        }
        return Optional.of(definition.source() != null ? definition.source() : parts.source());
    }

    /**
     * Deletes the stored token of a processor that does not run (e.g. a discarded rebuild); before
     * the processors start, when they start.
     */
    public void deleteToken(String name) {
        Parts current;
        synchronized (this) {
            if (running.containsKey(name)) {
                throw new IllegalStateException("processor " + name + " is running");
            }
            current = parts;
            if (current == null) {
                tokensToDelete.add(name);
                return;
            }
        }
        current.tokenStores().apply(name).deleteToken(name, 0);
    }

    /**
     * Deletes every stored segment token of a processor no instance runs any more (a retired
     * generation): through {@link StoredTokens#delete} when set (whoever last held the claims), else
     * as {@link #deleteToken}.
     */
    public void deleteTokens(String name) {
        StoredTokens tokens = storedTokens;
        if (tokens == null) {
            deleteToken(name);
            return;
        }
        synchronized (this) {
            if (running.containsKey(name)) {
                throw new IllegalStateException("processor " + name + " is running");
            }
        }
        tokens.delete(name);
    }

    /**
     * Stops every processor, waiting at most {@link #CLOSE_WAIT} for them: a processor blocked on a
     * store that is already gone (a JVM shutting down) must not hold the shutdown up. A batch cut
     * short is delivered again on the next start.
     */
    @Override
    public void close() {
        List<TrackingEventProcessor> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(running.values());
            running.clear();
            tokens.clear();
        }
        List<CompletableFuture<Void>> stopped =
                stopping.stream().map(TrackingEventProcessor::shutdownAsync).toList();
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Event processors did not stop within {}; leaving them to the JVM", CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("An event processor failed while stopping", e.getCause());
        }
    }

    private synchronized void start(Parts parts) {
        if (closed || this.parts != null) {
            return;
        }
        this.parts = parts;
        for (String name : tokensToDelete) {
            try {
                parts.tokenStores().apply(name).deleteToken(name, 0);
            } catch (RuntimeException e) {
                log.debug("Token of {} not deleted: {}", name, e.toString());
            }
        }
        tokensToDelete.clear();
        definitions.values().forEach(this::startProcessor);
    }

    private void startProcessor(ProcessorDefinition definition) {
        String name = definition.name();
        String batchResource = "smp.processing.batch." + name;
        MessageMonitor<? super EventMessage<?>> monitor = definition.metricsName() == null
                ? NoOpMessageMonitor.instance()
                : new WhileMonitored(parts.monitors().apply(definition.metricsName()), definition.monitored());
        TokensAfterBatches processorTokens =
                new TokensAfterBatches(parts.tokenStores().apply(name), batchResource);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new BatchedEventHandler(
                                definition.handlers(), batchResource, "Processor[" + name + "]/SegmentId"))
                        .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(definition.source() != null ? definition.source() : parts.source())
                .tokenStore(processorTokens)
                .transactionManager(NoTransactionManager.instance())
                .messageMonitor(monitor)
                .trackingEventProcessorConfiguration(
                        TrackingEventProcessorConfiguration.forParallelProcessing(definition.segments())
                                .andInitialSegmentsCount(definition.segments())
                                .andBatchSize(definition.batchSize())
                                .andTokenClaimInterval(1, TimeUnit.SECONDS)
                                .andThreadFactory(processorName -> daemon("processor-" + processorName))
                                .andInitialTrackingToken(definition.initialToken()))
                .storingTokensAfterProcessing()
                .build();
        running.put(name, processor);
        tokens.put(name, processorTokens);
        processor.start();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + (count.getAndIncrement() == 0 ? "" : "-" + count.get()));
            thread.setDaemon(true);
            return thread;
        };
    }
}
