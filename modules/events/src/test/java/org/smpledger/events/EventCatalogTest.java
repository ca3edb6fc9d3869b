package org.smpledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
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
                    : PigmentLotEvent.class.isAssignableFrom(type) ? StreamType.PIGMENT_LOT : StreamType.CLINIC_POLICY;
            assertThat(annotation.stream()).as(type.getSimpleName()).isEqualTo(expected);
            assertThat(PigmentLotEvent.class.isAssignableFrom(type)
                            || TreatmentRecordEvent.class.isAssignableFrom(type)
                            || ClinicPolicyEvent.class.isAssignableFrom(type))
                    .isTrue();
        }
        assertThat(names)
                .contains(
                        "ConsultationHeld",
                        "PatchTestRecorded",
                        "SessionCompleted",
                        "TouchUpRequested",
                        "PigmentLotReceived",
                        "PigmentLotRecalled",
                        "TreatmentPlanned",
                        "CourseCompleted",
                        "ReactionReportedToAuthority",
                        "ClinicPolicyAdopted");
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

    @Test
    void everyEventTypeNamesTheFieldHoldingItsOwnRecordId() {
        Map<Class<? extends SmpEvent>, String> expected = Map.ofEntries(
                Map.entry(ClientRegistered.class, "clientId"),
                Map.entry(ClientDetailsCorrected.class, "clientId"),
                Map.entry(ConsultationHeld.class, "consultationId"),
                Map.entry(ContraindicationScreened.class, "screeningId"),
                Map.entry(ConsentSigned.class, "consentId"),
                Map.entry(PatchTestRecorded.class, "patchTestId"),
                Map.entry(HairlineDesigned.class, "designId"),
                Map.entry(TreatmentPlanned.class, "planId"),
                Map.entry(CourseCompleted.class, "completionId"),
                Map.entry(ReactionReportedToAuthority.class, "reportId"),
                Map.entry(ClinicPolicyAdopted.class, "policyId"),
                Map.entry(SessionCompleted.class, "sessionId"),
                Map.entry(AftercareIssued.class, "aftercareId"),
                Map.entry(HealingAssessed.class, "assessmentId"),
                Map.entry(AdverseReactionReported.class, "reactionId"),
                Map.entry(TouchUpRequested.class, "touchUpId"),
                Map.entry(RecordCorrected.class, "correctionId"),
                Map.entry(ClientPersonalDataErased.class, "erasureId"),
                Map.entry(PigmentLotReceived.class, "lotId"),
                Map.entry(PigmentLotRecalled.class, "lotId"));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.all());
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            EventDescription description = EventCatalog.describe(type);
            assertThat(description.recordIdField()).as(type.getSimpleName()).isEqualTo(expected.get(type));
            assertThat(description.name()).isEqualTo(SmpEvent.typeOf(type).name());
            SmpEvent event = withDefaults(type);
            assertThat(description.recordIdOf(event))
                    .as(type.getSimpleName())
                    .isEqualTo("value of " + expected.get(type));
        }
    }

    @Test
    void theContractSaysWhichFieldsHoldPersonalDataFreeTextAndHealthFacts() {
        assertThat(EventCatalog.describe(ClientRegistered.class).personalFields())
                .containsExactly("personalDetails");
        assertThat(EventCatalog.describe(SessionCompleted.class).personalFields())
                .containsExactly("zoneWork[].notes", "override.reason", "notes");
        assertThat(EventCatalog.describe(RecordCorrected.class).personalFields())
                .containsExactly("reason");
        assertThat(EventCatalog.personalPath("override.reason")).isTrue();
        assertThat(EventCatalog.describe(ContraindicationScreened.class).markedFields())
                .extracting(EventDescription.MarkedField::path)
                .containsExactly("findings", "findings[].note");
        assertThat(EventCatalog.describe(ContraindicationScreened.class)
                        .markedFields()
                        .get(0)
                        .marks()
                        .publication())
                .isEqualTo(FieldMarks.Publication.CLINICAL);
        assertThat(EventCatalog.describe(ClientPersonalDataErased.class).personalFields())
                .isEmpty();
        assertThat(EventCatalog.describe(ClientPersonalDataErased.class).markedFields())
                .extracting(EventDescription.MarkedField::path)
                .containsExactly("legalBasis", "retentionOverride.legalBasis");
        assertThat(EventCatalog.describe(RecordCorrected.class).markedFields())
                .filteredOn(EventDescription.MarkedField::perEntry)
                .extracting(EventDescription.MarkedField::path)
                .containsExactly("changes");
        assertThat(EventCatalog.personalPath("zoneWork[3].notes")).isTrue();
        assertThat(EventCatalog.personalPath("personalDetails.fullName")).isTrue();
        assertThat(EventCatalog.personalPath("zoneWork[3].densityAddedFraction"))
                .isFalse();
        assertThat(FieldPath.parse(PatchTestRecorded.class, "result").marks().health())
                .isTrue();
        // every event whose type can hold personal data says so, and no lot event can
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            EventDescription description = EventCatalog.describe(type);
            assertThat(description.mayHoldPersonalData())
                    .as(type.getSimpleName())
                    .isEqualTo(!description.personalFields().isEmpty() || type == RecordCorrected.class);
        }
        assertThat(EventCatalog.describe(PigmentLotReceived.class).mayHoldPersonalData())
                .isFalse();
    }

    @Test
    void anEventHoldsPersonalDataOnlyWhenAPersonalFieldHasAValue() {
        EventDescription sessions = EventCatalog.describe(SessionCompleted.class);
        SessionCompleted.ZoneWork plain =
                new SessionCompleted.ZoneWork(ScalpZone.CROWN, 0.2, null, 1, 0.25, null, List.of(), null);
        SessionCompleted without =
                new SessionCompleted("c", "s", 1, 1, null, null, "p", List.of(plain), null, null, null);
        assertThat(sessions.holdsPersonalData(without)).isFalse();
        SessionCompleted.ZoneWork noted =
                new SessionCompleted.ZoneWork(ScalpZone.CROWN, 0.2, null, 1, 0.25, null, List.of(), "client anxious");
        assertThat(sessions.holdsPersonalData(
                        new SessionCompleted("c", "s", 1, 1, null, null, "p", List.of(plain, noted), null, null, null)))
                .isTrue();
        SessionCompleted overridden = new SessionCompleted(
                "c",
                "s",
                1,
                1,
                null,
                null,
                "p",
                List.of(plain),
                new SessionCompleted.Override("the scar needs it", "lead-kim", List.of("dose-per-session")),
                null,
                null);
        assertThat(sessions.holdsPersonalData(overridden)).isTrue();
        RecordCorrected density = new RecordCorrected(
                "c", "k", "e", "SessionCompleted", null, Map.of("zoneWork[0].densityAddedFraction", "0.3"), false);
        RecordCorrected notes =
                new RecordCorrected("c", "k", "e", "SessionCompleted", null, Map.of("notes", "x"), false);
        RecordCorrected reasoned = new RecordCorrected(
                "c", "k", "e", "SessionCompleted", "typo", Map.of("zoneWork[0].densityAddedFraction", "0.3"), false);
        assertThat(EventCatalog.describe(RecordCorrected.class).holdsPersonalData(density))
                .isFalse();
        assertThat(EventCatalog.describe(RecordCorrected.class).holdsPersonalData(notes))
                .isTrue();
        assertThat(EventCatalog.describe(RecordCorrected.class).holdsPersonalData(reasoned))
                .as("a correction's reason is personal data")
                .isTrue();
    }

    @Test
    void theStreamIdOfEveryEventIdentifiesItsRecord() {
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            String streamField = TreatmentRecordEvent.class.isAssignableFrom(type)
                    ? "clientId"
                    : PigmentLotEvent.class.isAssignableFrom(type) ? "lotId" : "clinicId";
            RecordComponent component = Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals(streamField))
                    .findFirst()
                    .orElseThrow();
            assertThat(FieldPath.parse(type, streamField).identifying())
                    .as(type.getSimpleName())
                    .isTrue();
            String expected = "value of " + component.getName();
            assertThat(withDefaults(type).streamId())
                    .isEqualTo(
                            ClinicPolicyEvent.class.isAssignableFrom(type)
                                    ? ClinicPolicyEvent.streamIdOf(expected)
                                    : expected);
        }
    }

    @Test
    void aTypeThatDoesNotNameItsRecordIdIsNotDescribed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventDescription.of(WithoutRecordId.class))
                .withMessageContaining("@RecordId");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventDescription.of(WithTwoRecordIds.class))
                .withMessageContaining("marks 2");
    }

    @EventType(name = "WithoutRecordId", stream = StreamType.PIGMENT_LOT)
    record WithoutRecordId(String lotId) implements SmpEvent {
        @Override
        public String streamId() {
            return lotId;
        }
    }

    @EventType(name = "WithTwoRecordIds", stream = StreamType.PIGMENT_LOT)
    record WithTwoRecordIds(
            @RecordId String lotId, @RecordId String otherId) implements SmpEvent {
        @Override
        public String streamId() {
            return lotId;
        }
    }

    @Test
    void everyEventTypeIsVisitedAsItself() {
        TreatmentRecordEvent.Visitor<Class<?>> treatment = new TreatmentRecordEvent.Visitor<>() {
            public Class<?> visit(ClientRegistered e) {
                return ClientRegistered.class;
            }

            public Class<?> visit(ClientDetailsCorrected e) {
                return ClientDetailsCorrected.class;
            }

            public Class<?> visit(ClientPersonalDataErased e) {
                return ClientPersonalDataErased.class;
            }

            public Class<?> visit(ConsultationHeld e) {
                return ConsultationHeld.class;
            }

            public Class<?> visit(ContraindicationScreened e) {
                return ContraindicationScreened.class;
            }

            public Class<?> visit(ConsentSigned e) {
                return ConsentSigned.class;
            }

            public Class<?> visit(PatchTestRecorded e) {
                return PatchTestRecorded.class;
            }

            public Class<?> visit(HairlineDesigned e) {
                return HairlineDesigned.class;
            }

            public Class<?> visit(TreatmentPlanned e) {
                return TreatmentPlanned.class;
            }

            public Class<?> visit(CourseCompleted e) {
                return CourseCompleted.class;
            }

            public Class<?> visit(ReactionReportedToAuthority e) {
                return ReactionReportedToAuthority.class;
            }

            public Class<?> visit(SessionCompleted e) {
                return SessionCompleted.class;
            }

            public Class<?> visit(AftercareIssued e) {
                return AftercareIssued.class;
            }

            public Class<?> visit(HealingAssessed e) {
                return HealingAssessed.class;
            }

            public Class<?> visit(AdverseReactionReported e) {
                return AdverseReactionReported.class;
            }

            public Class<?> visit(TouchUpRequested e) {
                return TouchUpRequested.class;
            }

            public Class<?> visit(RecordCorrected e) {
                return RecordCorrected.class;
            }
        };
        PigmentLotEvent.Visitor<Class<?>> lot = new PigmentLotEvent.Visitor<>() {
            public Class<?> visit(PigmentLotReceived e) {
                return PigmentLotReceived.class;
            }

            public Class<?> visit(PigmentLotRecalled e) {
                return PigmentLotRecalled.class;
            }
        };
        ClinicPolicyEvent.Visitor<Class<?>> clinic = e -> ClinicPolicyAdopted.class;
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            SmpEvent event = withDefaults(type);
            Class<?> visited = event instanceof TreatmentRecordEvent t
                    ? t.accept(treatment)
                    : event instanceof PigmentLotEvent l ? l.accept(lot) : ((ClinicPolicyEvent) event).accept(clinic);
            assertThat(visited).isEqualTo(type);
        }
    }

    /** An event of this type whose text fields say their own name; every other field empty or zero. */
    static SmpEvent withDefaults(Class<? extends SmpEvent> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == String.class
                    ? "value of " + components[i].getName()
                    : types[i] == int.class
                            ? 0
                            : types[i] == long.class
                                    ? 0L
                                    : types[i] == double.class
                                            ? 0.0
                                            : types[i] == boolean.class
                                                    ? false
                                                    : types[i] == Instant.class
                                                            ? Instant.EPOCH
                                                            : types[i] == List.class
                                                                    ? List.of()
                                                                    : types[i] == Map.class ? Map.of() : null;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
