package org.smpledger.domain.treatment;

import static org.smpledger.domain.treatment.Clinic.*;
import static org.smpledger.domain.treatment.Levels.and;
import static org.smpledger.domain.treatment.Refusals.refusedBy;
import static org.smpledger.events.treatment.ScalpZone.CROWN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.PatchTestRecorded;

/** An allergic reaction naming a lot bars that lot's brand for the client until a newer negative patch test. */
class AllergicReactionBarsItsBrandTest {

    private static final Instant OBSERVED = daysAfter(FIRST_SESSION, 3);
    private static final CompleteSession NEXT_WITH_THE_LOT =
            session("s-2", daysAfter(FIRST_SESSION, 14), work(CROWN, 0.3));

    private static AdverseReactionReported reaction(AdverseReactionReported.Kind kind, String lot) {
        return new AdverseReactionReported(
                CLIENT,
                "r-1",
                OBSERVED,
                PRACTITIONER,
                kind,
                AdverseReactionReported.Severity.MODERATE,
                List.of(lot),
                "raised itchy dots on the crown",
                null);
    }

    private static Object[] afterTheReaction(AdverseReactionReported.Kind kind, String lot) {
        return and(
                readyForFirstSession(),
                completed(session("s-1", FIRST_SESSION, work(CROWN, 0.3)), 1, 1),
                reaction(kind, lot));
    }

    private static PatchTestRecorded patchTest(String id, String lot, String brand, Instant appliedAt) {
        return new PatchTestRecorded(
                CLIENT,
                id,
                lot,
                brand,
                "behind the right ear",
                appliedAt,
                appliedAt.plus(Duration.ofHours(48)),
                PatchTestRecorded.Result.NEGATIVE,
                null,
                null,
                PRACTITIONER);
    }

    @Test
    void theNextSessionWithThatLotsBrandIsRefusedNamingTheReaction() {
        fixture()
                .given(afterTheReaction(AdverseReactionReported.Kind.ALLERGIC, LOT))
                .when(NEXT_WITH_THE_LOT)
                .expectNoEvents()
                .expectException(
                        refusedBy("allergic-reaction", Map.of("brand", BRAND, "reactionId", "r-1", "lotId", LOT)));
    }

    @Test
    void aNegativePatchTestAppliedAfterTheReactionLiftsTheBar() {
        fixture()
                .given(and(
                        afterTheReaction(AdverseReactionReported.Kind.ALLERGIC, LOT),
                        patchTest("pt-2", LOT, BRAND, daysAfter(FIRST_SESSION, 6))))
                .when(NEXT_WITH_THE_LOT)
                .expectEvents(completed(NEXT_WITH_THE_LOT, 1, 2));
    }

    @Test
    void anotherBrandStaysUsable() {
        CompleteSession otherBrand = session("s-2", daysAfter(FIRST_SESSION, 14), work(CROWN, 0.3, OTHER_BRAND_LOT));
        fixture()
                .given(and(
                        afterTheReaction(AdverseReactionReported.Kind.ALLERGIC, LOT),
                        patchTest("pt-2", OTHER_BRAND_LOT, "OtherInk", daysBefore(FIRST_SESSION, 5))))
                .when(otherBrand)
                .expectEvents(completed(otherBrand, 1, 2));
    }

    @Test
    void anInfectionBarsNoBrand() {
        fixture()
                .given(afterTheReaction(AdverseReactionReported.Kind.INFECTION, LOT))
                .when(NEXT_WITH_THE_LOT)
                .expectEvents(completed(NEXT_WITH_THE_LOT, 1, 2));
    }

    @Test
    void aReactionCorrectedToNameAnotherLotBarsThatLotsBrandInstead() {
        CompleteSession otherBrand = session("s-2", daysAfter(FIRST_SESSION, 14), work(CROWN, 0.3, OTHER_BRAND_LOT));
        fixture()
                .given(and(
                        afterTheReaction(AdverseReactionReported.Kind.ALLERGIC, LOT),
                        patchTest("pt-2", OTHER_BRAND_LOT, "OtherInk", daysBefore(FIRST_SESSION, 5))))
                .andGivenCommands(new CorrectRecord(
                        CLIENT,
                        null,
                        "corr-1",
                        "r-1",
                        "wrong lot noted",
                        Map.of("lotIds[0]", OTHER_BRAND_LOT),
                        false,
                        null))
                .when(otherBrand)
                .expectNoEvents()
                .expectException(refusedBy("allergic-reaction", Map.of("brand", "OtherInk", "lotId", OTHER_BRAND_LOT)));
    }

    @Test
    void aReactionCorrectedToAnotherKindBarsNothing() {
        fixture()
                .given(afterTheReaction(AdverseReactionReported.Kind.ALLERGIC, LOT))
                .andGivenCommands(new CorrectRecord(
                        CLIENT, null, "corr-1", "r-1", "it was an infection", Map.of("kind", "INFECTION"), false, null))
                .when(NEXT_WITH_THE_LOT)
                .expectEvents(completed(NEXT_WITH_THE_LOT, 1, 2));
    }

    @Test
    void aPatchTestCorrectedFromNegativeToPositiveBarsItsBrand() {
        fixture()
                .given(readyForFirstSession())
                .andGivenCommands(new CorrectRecord(
                        CLIENT,
                        null,
                        "corr-1",
                        "pt-1",
                        "read wrongly",
                        Map.of("result", "POSITIVE", "findings", "redness seen on the photo"),
                        false,
                        null))
                .when(session("s-1", FIRST_SESSION, work(CROWN, 0.3)))
                .expectNoEvents()
                .expectException(refusedBy("patch-test-positive", Map.of("brand", BRAND, "patchTestId", "pt-1")));
    }
}
