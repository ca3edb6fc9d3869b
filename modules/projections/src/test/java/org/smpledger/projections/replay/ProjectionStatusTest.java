package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.store.Generation;

class ProjectionStatusTest {

    private static final Generation LIVE = new Generation("risk", 2);

    @Test
    void theLagIsEveryStoredEventTheLiveProcessorHasNotHandled() {
        ProjectionStatus status = ProjectionStatus.of(LIVE, positions(Map.of("risk@g2", 940L), 999), null);
        assertThat(status.projection()).isEqualTo("risk");
        assertThat(status.liveGeneration()).isEqualTo(2);
        assertThat(status.processor()).isEqualTo("risk@g2");
        assertThat(status.running()).isTrue();
        assertThat(status.position()).isEqualTo(940L);
        assertThat(status.headPosition()).isEqualTo(999L);
        assertThat(status.lag()).isEqualTo(59);
    }

    @Test
    void aProcessorWithoutAPositionYetLagsByEveryEventAndAnEmptyStoreByNone() {
        ProjectionStatus notStarted = ProjectionStatus.of(LIVE, positions(Map.of(), 9), null);
        assertThat(notStarted.position()).isNull();
        assertThat(notStarted.running()).isFalse();
        assertThat(notStarted.lag()).isEqualTo(10);

        ProjectionStatus empty = ProjectionStatus.of(LIVE, positions(Map.of(), -1), null);
        assertThat(empty.headPosition()).isNull();
        assertThat(empty.lag()).isZero();
    }

    @Test
    void aProcessorPastAnEarlierReadHeadIsNotBehind() {
        assertThat(ProjectionStatus.of(LIVE, positions(Map.of("risk@g2", 12L), 10), null)
                        .lag())
                .isZero();
    }

    @Test
    void queriesReadTheGenerationThePointersNameAndNeverAPointerReadLongerAgoThanTheMaximumAge() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger storeSays = new java.util.concurrent.atomic.AtomicInteger(1);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        GenerationPointers pointers = new GenerationPointers() {
            @Override
            public GenerationPointer pointer(String projection) {
                reads.incrementAndGet();
                return new GenerationPointer(projection, storeSays.get(), null, storeSays.get(), 2, null, null);
            }

            @Override
            public Generation reserveNext(String projection) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<Generation> startBuilding(String projection) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void makeLive(Generation generation) {}

            @Override
            public boolean switchLive(Generation from, Generation to, java.time.Instant retireAfter) {
                return false;
            }

            @Override
            public void retire(Generation generation, java.time.Instant retireAfter) {}

            @Override
            public boolean retired(Generation generation) {
                return false;
            }

            @Override
            public void abandonBuilding(String projection) {}
        };
        CurrentGenerations generations = new CurrentGenerations(
                null, pointers, java.util.Set.of("risk"), java.time.Duration.ofNanos(1000), now::get);
        assertThatThrownBy(() -> generations.live("timeline")).isInstanceOf(IllegalArgumentException.class);
        assertThat(generations.live("risk")).isEqualTo(new Generation("risk", 1));
        storeSays.set(2);
        now.set(999);
        assertThat(generations.live("risk")).as("read 999 ns ago: kept").isEqualTo(new Generation("risk", 1));
        assertThat(reads).hasValue(1);
        now.set(1000);
        assertThat(generations.live("risk")).as("read 1000 ns ago: read again").isEqualTo(LIVE);
        assertThat(reads).hasValue(2);
        generations.seen(new Generation("risk", 1), 500);
        assertThat(generations.live("risk")).as("an older read never wins").isEqualTo(LIVE);
    }

    private static ProcessorPositions positions(Map<String, Long> byProcessor, long head) {
        return new ProcessorPositions() {
            @Override
            public OptionalLong position(String processorName) {
                Long position = byProcessor.get(processorName);
                return position == null ? OptionalLong.empty() : OptionalLong.of(position);
            }

            @Override
            public boolean running(String processorName) {
                return byProcessor.containsKey(processorName);
            }

            @Override
            public long head() {
                return head;
            }
        };
    }
}
