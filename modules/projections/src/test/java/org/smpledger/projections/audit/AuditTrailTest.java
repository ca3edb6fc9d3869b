package org.smpledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.events.treatment.ScalpZone.CROWN;
import static org.smpledger.projections.Clinic.day;

import org.junit.jupiter.api.Test;
import org.smpledger.events.EventMetadata;
import org.smpledger.projections.Page;
import org.smpledger.projections.ProjectionsHarness;

class AuditTrailTest {

    @Test
    void auditorsSeeTheStoredEventsWithMetadataSequenceAndGlobalPosition() {
        try (ProjectionsHarness harness = new ProjectionsHarness()) {
            harness.clinic.registers("client-pia", day("2026-03-01"));
            harness.clinic.registers("client-quinn", day("2026-03-01"));
            String session = harness.clinic
                    .session("client-pia", "p1", 1, 1, day("2026-03-08"))
                    .zone(CROWN, 0.3)
                    .completed();

            Page<AuditTrail.StoredEvent> events =
                    harness.audit.events("client-pia", "clinic-north", 0, 10).orElseThrow();

            assertThat(events.items())
                    .extracting(AuditTrail.StoredEvent::type)
                    .containsExactly("ClientRegistered", "SessionCompleted");
            AuditTrail.StoredEvent stored = events.items().get(1);
            assertThat(stored.eventId()).isEqualTo(session);
            assertThat(stored.revision()).isEqualTo("1");
            assertThat(stored.sequence()).isEqualTo(1);
            assertThat(stored.globalPosition()).isEqualTo(2L);
            assertThat(stored.metadata())
                    .containsEntry(EventMetadata.CLINIC_ID, "clinic-north")
                    .containsEntry(EventMetadata.ACTOR_ID, "practitioner-ana")
                    .containsKey(EventMetadata.RECORDED_AT);
            assertThat(stored.payload().toString())
                    .contains("\"sessionId\":\"p1\"")
                    .contains("\"startedAt\":\"2026-03-08T10:00:00Z\"");
            assertThat(events.items().get(0).payload().toString()).contains("Sam Example");

            assertThat(harness.audit.events("client-nobody", "clinic-north", 0, 10))
                    .isEmpty();
            assertThat(harness.audit.events("client-pia", "clinic-south", 0, 10))
                    .as("another clinic's client answers like an unknown one")
                    .isEmpty();
        }
    }
}
