package org.smpledger.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a processor stores its token, relative to the batch handler's work. */
class BatchTokensTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final RecordingTokenStore tokens = new RecordingTokenStore(log);
    private final EventProcessors processors = EventProcessors.running(store, tokens);

    @AfterEach
    void stop() {
        processors.close();
        store.shutDown();
    }

    @Test
    void aTokenIsStoredOnlyAfterItsBatchBecameDurableAndTheBatchSawAllItsEventsFirst() {
        publish(30);
        processors.register(
                ProcessorDefinition.of("orders", new SlowlyDurable(-1)).withBatchSize(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.lastStored() == 29);

        List<String> seen = List.copyOf(log);
        List<long[]> batches = batches(seen);
        assertThat(batches)
                .isNotEmpty()
                .allSatisfy(batch -> assertThat(batch[1] - batch[0]).isLessThan(10));
        assertThat(batches.get(batches.size() - 1)[1]).isEqualTo(29);
        for (long[] batch : batches) {
            long first = batch[0];
            long last = batch[1];
            assertThat(seen.indexOf("begin " + first + "-" + last)).isLessThan(seen.indexOf("handled " + first));
            assertThat(seen.indexOf("handled " + last)).isLessThan(seen.indexOf("durable " + last));
            assertThat(seen.indexOf("durable " + last))
                    .as("batch ending at %d durable before its token is stored", last)
                    .isLessThan(seen.indexOf("stored " + last));
            assertThat(seen.indexOf("handled " + last)).isLessThan(seen.indexOf("committed " + last));
        }
        assertThat(batches)
                .as("a batch begins while the previous one is still becoming durable (its writes go behind)")
                .anySatisfy(batch -> {
                    int begun = seen.indexOf("begin " + batch[0] + "-" + batch[1]);
                    assertThat(begun).isLessThan(seen.indexOf("durable " + (batch[0] - 1)));
                });
        assertThat(processors.position("orders")).hasValue(29);
    }

    @Test
    void aBatchThatCannotBeMadeDurableKeepsItsTokenAndIsDeliveredAgain() {
        publish(30);
        processors.register(
                ProcessorDefinition.of("orders", new SlowlyDurable(15)).withBatchSize(10));

        await().atMost(Duration.ofSeconds(15)).until(() -> tokens.lastStored() == 29);

        List<String> seen = List.copyOf(log);
        long[] refused = batches(seen).stream()
                .filter(batch -> batch[0] <= 15 && 15 <= batch[1])
                .findFirst()
                .orElseThrow();
        String failure = "the store refused batch " + refused[0] + "-" + refused[1];
        int failed = -1;
        for (int i = 0; i < seen.size() && failed < 0; i++) {
            if (seen.get(i).startsWith("rolled back ") && seen.get(i).endsWith(": " + failure)) {
                failed = i;
            }
        }
        assertThat(failed).as("the failure rolled a batch back, in %s", seen).isPositive();
        assertThat(seen.subList(0, failed))
                .filteredOn(entry -> entry.startsWith("stored "))
                .allSatisfy(entry -> assertThat(Long.parseLong(entry.substring("stored ".length())))
                        .isLessThan(refused[0]));
        assertThat(seen.subList(0, failed)).doesNotContain("durable " + refused[1]);
        assertThat(seen.subList(failed, seen.size())).contains("handled 15", "durable 29", "stored 29");
        assertThat(seen.stream().filter("handled 15"::equals)).hasSize(2);
    }

    @Test
    void aLastBatchWhoseWritesFailWhileTheProcessorIdlesIsToldRolledBackBeforeItIsDeliveredAgain() {
        publish(20);
        processors.register(
                ProcessorDefinition.of("orders", new SlowlyDurable(15)).withBatchSize(10));

        await().atMost(Duration.ofSeconds(15)).until(() -> tokens.lastStored() == 19);

        List<String> seen = List.copyOf(log);
        int told = seen.indexOf("rolled back 19: the store refused batch 10-19");
        assertThat(told)
                .as("the failed batch was told rolled back, in %s", seen)
                .isPositive();
        assertThat(seen.subList(0, told)).doesNotContain("stored 19");
        assertThat(seen.subList(told, seen.size())).contains("handled 15", "durable 19", "stored 19");
        assertThat(seen.stream().filter(entry -> entry.startsWith("rolled back ")))
                .as("told once, in %s", seen)
                .hasSize(1);
    }

    /** Every batch begun, as {first, last} position, in the order they began. */
    private static List<long[]> batches(List<String> seen) {
        return seen.stream()
                .filter(entry -> entry.startsWith("begin "))
                .map(entry -> entry.substring("begin ".length()).split("-"))
                .map(bounds -> new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])})
                .toList();
    }

    private void publish(int count) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(GenericEventMessage.asEventMessage("event-" + i));
        }
        store.publish(events);
    }

    private static long position(EventMessage<?> event) {
        return ((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow();
    }

    /** Becomes durable a moment after finishing is asked (as a write to a remote store would); fails one batch once. */
    private final class SlowlyDurable implements EventBatchHandler<List<Long>> {

        private final long failOnceAt;
        private final AtomicBoolean failed = new AtomicBoolean();

        SlowlyDurable(long failOnceAt) {
            this.failOnceAt = failOnceAt;
        }

        @Override
        public List<Long> begin(List<? extends EventMessage<?>> events) {
            log.add("begin " + position(events.get(0)) + "-" + position(events.get(events.size() - 1)));
            return new ArrayList<>();
        }

        @Override
        public void handle(EventMessage<?> event, List<Long> batch) {
            log.add("handled " + position(event));
            batch.add(position(event));
        }

        @Override
        public CompletionStage<?> finish(List<Long> batch) {
            long last = batch.get(batch.size() - 1);
            return CompletableFuture.runAsync(
                    () -> {
                        if (batch.contains(failOnceAt) && failed.compareAndSet(false, true)) {
                            throw new IllegalStateException("the store refused batch " + batch.get(0) + "-" + last);
                        }
                        log.add("durable " + last);
                    },
                    CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));
        }

        @Override
        public void committed(List<Long> batch) {
            log.add("committed " + batch.get(batch.size() - 1));
        }

        @Override
        public void rolledBack(List<Long> batch, Throwable cause) {
            log.add("rolled back " + batch.get(batch.size() - 1) + ": " + cause.getMessage());
        }
    }
}
