package org.smpledger.density;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;

/** The ledger reads what can move density; a judgement of the course reads the reactions besides. */
class JudgedEventTest {

    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void courseWorkAndCorrectionsCanChangeDensityAndAreJudged() {
        JudgedEvent completion = JudgedEvent.of(new CourseCompleted("client-1", "cc-1", 1, AT, "p-1", null));
        JudgedEvent correction =
                JudgedEvent.of(new RecordCorrected("c", "c1", "e1", "SessionCompleted", "x", Map.of(), true));

        assertThat(completion).isEqualTo(JudgedEvent.COURSE_WORK);
        assertThat(correction).isEqualTo(JudgedEvent.CORRECTION);
        assertThat(List.of(completion, correction))
                .allMatch(JudgedEvent::canChangeDensity)
                .allMatch(JudgedEvent::judged);
    }

    @Test
    void reactionsAreJudgedWithoutChangingDensity() {
        JudgedEvent reaction = JudgedEvent.of(new AdverseReactionReported(
                "client-1",
                "r-1",
                AT,
                "p-1",
                AdverseReactionReported.Kind.INFECTION,
                AdverseReactionReported.Severity.MILD,
                List.of("LOT-1"),
                "pustules",
                null));
        JudgedEvent report = JudgedEvent.of(
                new ReactionReportedToAuthority("client-1", "rep-1", "r-1", AT, "Texas DSHS", "TX-1", "p-1"));

        assertThat(List.of(reaction, report))
                .containsOnly(JudgedEvent.REACTION)
                .allMatch(JudgedEvent::judged)
                .noneMatch(JudgedEvent::canChangeDensity);
    }

    @Test
    void consentIsNeitherJudgedNorReadByTheLedger() {
        JudgedEvent consent = JudgedEvent.of(new ConsentSigned("client-1", "c-1", AT, "v3", "c.pdf", null));

        assertThat(consent).isEqualTo(JudgedEvent.NOT_JUDGED);
        assertThat(consent.judged()).isFalse();
        assertThat(consent.canChangeDensity()).isFalse();
    }
}
