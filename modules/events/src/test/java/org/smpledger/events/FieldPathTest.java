package org.smpledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.smpledger.events.FieldPath.Problem;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.SessionCompleted.PigmentUse;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;

class FieldPathTest {

    static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    static SessionCompleted session() {
        return new SessionCompleted(
                "client-1",
                "s-1",
                1,
                1,
                AT,
                AT.plusSeconds(7200),
                "pr-1",
                List.of(
                        new ZoneWork(
                                ScalpZone.CROWN, 0.4, null, 3, 0.25, null, List.of(new PigmentUse("lot-1", 20)), null),
                        new ZoneWork(ScalpZone.HAIRLINE, 0.3, null, 1, 0.18, null, List.of(), "soft")),
                null,
                "calm",
                0);
    }

    @Test
    void aPathNamingAFieldTheEventTypeDoesNotHaveCannotBeConstructed() {
        for (String path : List.of("shade", "zoneWork[0].shade", "zoneWork[0].pigments[0].brand", "sessionID")) {
            assertThatThrownBy(() -> FieldPath.parse(SessionCompleted.class, path))
                    .as(path)
                    .isInstanceOfSatisfying(
                            FieldPath.Invalid.class,
                            invalid -> assertThat(invalid.problem()).isEqualTo(Problem.NO_SUCH_FIELD));
        }
    }

    @Test
    void aPathIsParsedOnceIntoSegmentsThatKnowTheirFieldAndItsKind() {
        FieldPath path = FieldPath.parse(SessionCompleted.class, "zoneWork[1].densityAddedFraction");

        assertThat(path.segments())
                .containsExactly(
                        new FieldPath.Segment("zoneWork", OptionalInt.of(1)),
                        new FieldPath.Segment("densityAddedFraction", OptionalInt.empty()));
        assertThat(path.eventType()).isEqualTo(SessionCompleted.class);
        assertThat(path.declaringType()).isEqualTo(ZoneWork.class);
        assertThat(path.fieldName()).isEqualTo("densityAddedFraction");
        assertThat(path.kind().form()).isEqualTo(FieldKind.Form.NUMBER);
        assertThat(path.kind().type()).isEqualTo(Double.class);
        assertThat(path.kind().notNegative()).isTrue();
        assertThat(path.indexes()).containsExactly(1);
        assertThat(path).hasToString("zoneWork[1].densityAddedFraction");
        assertThat(FieldPath.parse(SessionCompleted.class, "zoneWork[01].densityAddedFraction"))
                .isEqualTo(path);
    }

    @Test
    void textThatIsNoPathAtAllIsRefusedBeforeAnyField() {
        for (String text : List.of("$where", "zoneWork[0]..notes", "notes.", "zoneWork[1000].zone", "", "a b")) {
            assertThatThrownBy(() -> FieldPath.parse(SessionCompleted.class, text))
                    .as(text)
                    .isInstanceOfSatisfying(
                            FieldPath.Invalid.class,
                            invalid -> assertThat(invalid.problem()).isEqualTo(Problem.NOT_A_PATH));
        }
        assertThatThrownBy(() -> FieldPath.parse(SessionCompleted.class, null)).isInstanceOf(FieldPath.Invalid.class);
    }

    @Test
    void aPathEndsAtAPlainValueAndIndexesOnlyLists() {
        assertProblem("zoneWork[0]", Problem.GROUP_OF_FIELDS);
        assertProblem("zoneWork", Problem.GROUP_OF_FIELDS);
        assertProblem("override", Problem.GROUP_OF_FIELDS);
        assertProblem("notes[0]", Problem.NOT_A_LIST);
        assertProblem("notes.with.dots", Problem.NOT_HELD);
        assertProblem("zoneWork.zone", Problem.NOT_HELD);
        assertThatThrownBy(() -> FieldPath.parse(SessionCompleted.class, "zoneWork[0].notes[0]"))
                .isInstanceOfSatisfying(FieldPath.Invalid.class, invalid -> {
                    assertThat(invalid.problem()).isEqualTo(Problem.NOT_A_LIST);
                    assertThat(invalid.at()).isEqualTo("notes");
                    assertThat(invalid.path()).isEqualTo("zoneWork[0].notes[0]");
                });
    }

    private static void assertProblem(String text, Problem problem) {
        assertThatThrownBy(() -> FieldPath.parse(SessionCompleted.class, text))
                .as(text)
                .isInstanceOfSatisfying(
                        FieldPath.Invalid.class,
                        invalid -> assertThat(invalid.problem()).isEqualTo(problem));
    }

    @Test
    void fieldsThatIdentifyTheRecordAreKnownFromTheEventDeclaration() {
        for (String identity : List.of("clientId", "sessionId", "course", "sessionNumber")) {
            assertThat(FieldPath.parse(SessionCompleted.class, identity).identifying())
                    .as(identity)
                    .isTrue();
        }
        assertThat(FieldPath.parse(SessionCompleted.class, "startedAt").identifying())
                .isFalse();
        assertThat(FieldPath.parse(PatchTestRecorded.class, "lotId").identifying())
                .isFalse();
    }

    @Test
    void whetherAnEventHoldsTheListEntriesIsAskedOfThatEvent() {
        FieldPath lot = FieldPath.parse(SessionCompleted.class, "zoneWork[1].pigments[0].lotId");
        FieldPath.Reach reach = lot.reachIn(session());

        assertThat(reach.whole()).isFalse();
        assertThat(reach.listTooShort()).isTrue();
        assertThat(reach.stoppedAt()).isEqualTo("pigments");
        assertThat(reach.entries()).isZero();
        assertThat(FieldPath.parse(SessionCompleted.class, "override.reason")
                        .reachIn(session())
                        .listTooShort())
                .isFalse();
        assertThat(FieldPath.parse(SessionCompleted.class, "zoneWork[0].pigments[0].lotId")
                        .valueIn(session()))
                .isEqualTo("lot-1");
        assertThatIllegalArgumentException().isThrownBy(() -> lot.valueIn(session()));
    }

    @Test
    void settingAFieldGivesANewEventAndLeavesTheGivenOneAsItWas() {
        SessionCompleted recorded = session();
        FieldPath density = FieldPath.parse(SessionCompleted.class, "zoneWork[1].densityAddedFraction");
        FieldPath lot = FieldPath.parse(SessionCompleted.class, "zoneWork[0].pigments[0].lotId");

        SessionCompleted corrected = lot.with(density.with(recorded, 0.2), "lot-2");

        assertThat(corrected.zoneWork().get(1).densityAddedFraction()).isEqualTo(0.2);
        assertThat(corrected.zoneWork().get(0).pigments().get(0).lotId()).isEqualTo("lot-2");
        assertThat(corrected.zoneWork().get(0).pigments().get(0).dilutionWaterParts())
                .isEqualTo(20);
        assertThat(corrected.notes()).isEqualTo("calm");
        assertThat(recorded).isEqualTo(session());
        assertThat(FieldPath.parse(SessionCompleted.class, "zoneWork[0].needleCount")
                        .with(recorded, 5)
                        .zoneWork()
                        .get(0)
                        .needleCount())
                .isEqualTo(5);
        assertThatIllegalArgumentException().isThrownBy(() -> density.with(recorded, "0.2"));
    }

    @Test
    void pathsOfTheSameFieldAgreeWhateverTheirIndexes() {
        FieldPath template = FieldPath.parse(SessionCompleted.class, "zoneWork[0].pigments[0].lotId");

        assertThat(template.sameField(FieldPath.parse(SessionCompleted.class, "zoneWork[3].pigments[2].lotId")))
                .isTrue();
        assertThat(template.sameField(FieldPath.parse(SessionCompleted.class, "zoneWork[3].notes")))
                .isFalse();
        assertThat(template.sameField(FieldPath.parse(PatchTestRecorded.class, "lotId")))
                .isFalse();
    }

    @Test
    void valuesAreReadAsTheFieldsOwnType() {
        assertThat(kind(SessionCompleted.class, "zoneWork[0].needleCount").read("5"))
                .contains(5);
        assertThat(kind(SessionCompleted.class, "zoneWork[0].needleCount").read("5.0"))
                .contains(5);
        assertThat(kind(SessionCompleted.class, "zoneWork[0].needleCount").read("three"))
                .isEmpty();
        assertThat(kind(SessionCompleted.class, "zoneWork[0].needleCount").read("2.5"))
                .isEmpty();
        assertThat(kind(SessionCompleted.class, "zoneWork[0].densityAddedFraction")
                        .read("-0.2"))
                .isEmpty();
        assertThat(kind(SessionCompleted.class, "zoneWork[0].depthMm").read("-0.2"))
                .contains(-0.2);
        assertThat(kind(SessionCompleted.class, "zoneWork[0].depthMm").read("NaN"))
                .isEmpty();
        assertThat(kind(SessionCompleted.class, "zoneWork[0].zone").read("TEMPLES"))
                .contains(ScalpZone.TEMPLES);
        assertThat(kind(SessionCompleted.class, "zoneWork[0].zone").read("temples"))
                .isEmpty();
        assertThat(kind(SessionCompleted.class, "startedAt").read("2026-03-02T11:00:00Z"))
                .contains(AT.plusSeconds(3600));
        assertThat(kind(SessionCompleted.class, "startedAt").read("yesterday")).isEmpty();
        assertThat(kind(ContraindicationScreened.class, "findings[0].waitUntil").read("2026-09-01"))
                .contains(java.time.LocalDate.parse("2026-09-01"));
        assertThat(kind(SessionCompleted.class, "notes").read(null)).isEmpty();
        assertThat(kind(SessionCompleted.class, "zoneWork[0].zone").describe())
                .isEqualTo("one of [HAIRLINE, TEMPLES, MID_SCALP, CROWN, DONOR, SCAR]");
    }

    @Test
    void aRetainedShareIsAProportionFromZeroToOne() {
        FieldKind share = kind(HealingAssessed.class, "observations[0].retainedFraction");

        assertThat(share.proportion()).isTrue();
        assertThat(share.read("0.75")).contains(0.75);
        assertThat(share.read("1")).contains(1.0);
        assertThat(share.read("1.2")).isEmpty();
        assertThat(share.read("-0.1")).isEmpty();
        assertThat(share.describe()).isEqualTo("a number from 0 to 1");
        assertThat(kind(HealingAssessed.class, "observations[0].observedDensity")
                        .read("1.2"))
                .contains(1.2);
    }

    private static FieldKind kind(Class<? extends SmpEvent> type, String path) {
        return FieldPath.parse(type, path).kind();
    }
}
