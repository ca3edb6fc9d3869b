package org.smpledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;

class EventCatalogTest {

    @Test
    void everyEventTypeHasAUniqueNameAndTheStreamOfItsInterface() {
        Set<String> names = new HashSet<>();
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            EventType annotation = SmpEvent.typeOf(type);
            assertThat(type).isRecord();
            assertThat(names.add(annotation.name()))
                    .as("duplicate name %s", annotation.name())
                    .isTrue();
            assertThat(annotation.revision()).matches("\\d+");
            StreamType expected = TreatmentRecordEvent.class.isAssignableFrom(type)
                    ? StreamType.TREATMENT_RECORD
                    : StreamType.PIGMENT_LOT;
            assertThat(annotation.stream()).as(type.getSimpleName()).isEqualTo(expected);
            assertThat(PigmentLotEvent.class.isAssignableFrom(type)
                            || TreatmentRecordEvent.class.isAssignableFrom(type))
                    .isTrue();
        }
        assertThat(names)
                .contains(
                        "ConsultationHeld",
                        "PatchTestRecorded",
                        "SessionCompleted",
                        "TouchUpRequested",
                        "PigmentLotReceived",
                        "PigmentLotRecalled");
        assertThat(EventCatalog.byName("SessionCompleted")).contains(SessionCompleted.class);
    }

    @Test
    void everyEventTypeIsDocumentedInTheContract() throws IOException {
        String contract = Files.readString(Path.of("../../docs/events.md"));
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            EventType annotation = SmpEvent.typeOf(type);
            assertThat(contract)
                    .as("docs/events.md documents %s", annotation.name())
                    .contains("### " + annotation.name() + " (revision " + annotation.revision() + ")");
        }
    }
}
