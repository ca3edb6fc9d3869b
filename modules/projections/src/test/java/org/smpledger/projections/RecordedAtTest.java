package org.smpledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded time of an event reads exactly as {@link Instant#parse} would, on its short path too. */
class RecordedAtTest {

    @Test
    void recordedTimesReadTheSameAsTheStandardParser() {
        for (String text : List.of(
                "2026-01-12T09:30:00Z",
                "2026-01-12T09:30:00.120Z",
                "2024-02-29T23:59:59.000001Z",
                "1970-01-01T00:00:00.000000000Z",
                "1969-12-31T23:59:59.999999999Z",
                "2026-01-12T09:30:00.1Z",
                "+12026-01-12T09:30:00Z",
                "2026-01-12T09:30:00+01:00")) {
            assertThat(ProjectionEvent.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void aRecordedTimeThatIsNoInstantIsRefusedLikeTheStandardParserDoes() {
        for (String text : List.of(
                "2026-02-30T09:30:00Z",
                "2026-01-12T24:30:00Z",
                "2026-01-12T09:30:6xZ",
                "2026-13-12T09:30:00Z",
                "2026-01-12T09:30Z")) {
            assertThatThrownBy(() -> ProjectionEvent.instant(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
