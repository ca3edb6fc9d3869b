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
    void queriesReadTheGenerationTheyWereSwitchedTo() {
        CurrentGenerations generations = new CurrentGenerations(null);
        assertThatThrownBy(() -> generations.live("risk")).isInstanceOf(IllegalArgumentException.class);
        generations.use(new Generation("risk", 1));
        generations.use(LIVE);
        assertThat(generations.live("risk")).isEqualTo(LIVE);
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
