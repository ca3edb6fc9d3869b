package org.smpledger.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Processors registered through Axon's configuration: built from its parts, started and stopped with it. */
class EventProcessorsTest {

    private final Map<String, AtomicInteger> monitored = new ConcurrentHashMap<>();
    private final EventProcessors processors = new EventProcessors();
    private final Configuration axon = axon();

    private Configuration axon() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(new InMemoryEventStorageEngine())
                        .build())
                .registerComponent(TokenStore.class, c -> new InMemoryTokenStore())
                .configureMessageMonitor(c -> (type, name) -> countingUnder(name));
        processors.configureModule(configurer);
        return configurer.buildConfiguration();
    }

    @AfterEach
    void shutDown() {
        axon.shutdown();
    }

    @Test
    void aProcessorRegisteredBeforeAxonStartsRunsFromItsStartAndStopsWithIt() {
        Counting publisher = new Counting();
        processors.register(ProcessorDefinition.of("publisher", publisher));
        publish(5);
        assertThat(processors.processor("publisher")).isEmpty();

        axon.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.handled.size() == 5);
        assertThat(processors.processor("publisher"))
                .hasValueSatisfying(p -> assertThat(p.isRunning()).isTrue());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> processors.position("publisher").orElse(-1) == 4);
        assertThat(monitored.get("publisher")).hasValue(5);

        axon.shutdown();
        assertThat(processors.processor("publisher")).isEmpty();
    }

    @Test
    void aProcessorRegisteredWhileRunningStartsAtOnceWhereToldAndReportsOnlyWhileMonitored() {
        axon.start();
        publish(3);
        Counting rebuild = new Counting();
        AtomicBoolean live = new AtomicBoolean(false);
        processors.register(ProcessorDefinition.of("timeline@g2", rebuild)
                .startingAt(StreamableMessageSource::createHeadToken)
                .monitoredAs("timeline", live::get));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> processors
                        .processor("timeline@g2")
                        .map(p -> !p.processingStatus().isEmpty())
                        .orElse(false));

        publish(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> rebuild.handled.size() == 2);
        live.set(true);
        publish(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> rebuild.handled.size() == 6);

        assertThat(rebuild.handled).containsExactly("event-3", "event-4", "event-5", "event-6", "event-7", "event-8");
        assertThat(monitored).containsOnlyKeys("timeline");
        assertThat(monitored.get("timeline")).hasValue(4);

        processors.stop("timeline@g2");
        assertThat(processors.processor("timeline@g2")).isEmpty();
    }

    @Test
    void aProcessorReadingASourceOfItsOwnIsRunMonitoredAndBalancedLikeEveryOther() {
        EmbeddedEventStore own = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        try {
            Counting shared = new Counting();
            Counting reader = new Counting();
            processors.register(ProcessorDefinition.of("projection", shared));
            processors.register(ProcessorDefinition.of("tree", reader).readingFrom(own));
            axon.start();
            publish(3);
            own.publish(GenericEventMessage.asEventMessage("own-0"), GenericEventMessage.asEventMessage("own-1"));

            await().atMost(Duration.ofSeconds(30)).until(() -> shared.handled.size() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.handled.size() == 2);
            assertThat(reader.handled).containsExactly("own-0", "own-1");
            assertThat(shared.handled).containsExactly("event-0", "event-1", "event-2");
            assertThat(processors.source("tree")).containsSame(own);
            assertThat(processors.source("projection"))
                    .containsSame(processors.source().orElseThrow());
            assertThat(processors.source("unknown")).isEmpty();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> processors.position("tree").orElse(-1) == 1);
            assertThat(monitored.get("tree")).hasValue(2);
            assertThat(processors.heldSegments("tree")).containsExactly(0);
            // two instances, two segments in all, both held here: one is given up (the tree's counts too)
            assertThat(processors.balance(2, Duration.ofSeconds(1))).isPresent();
        } finally {
            own.shutDown();
        }
    }

    private void publish(int count) {
        int first = published.getAndAdd(count);
        for (int i = first; i < first + count; i++) {
            axon.eventStore().publish(GenericEventMessage.asEventMessage("event-" + i));
        }
    }

    private final AtomicInteger published = new AtomicInteger();

    private MessageMonitor<Message<?>> countingUnder(String name) {
        return message -> {
            monitored.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    private static final class Counting implements EventBatchHandler<Void> {
        final List<Object> handled = new CopyOnWriteArrayList<>();

        @Override
        public Void begin(List<? extends EventMessage<?>> events) {
            return null;
        }

        @Override
        public void handle(EventMessage<?> event, Void batch) {
            handled.add(event.getPayload());
        }

        @Override
        public CompletionStage<?> finish(Void batch) {
            return EventBatchHandler.done();
        }
    }
}
