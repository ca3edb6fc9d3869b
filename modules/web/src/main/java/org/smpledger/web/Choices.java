package org.smpledger.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.TouchUpRequested;

/** The values a form's select offers, taken from the event contract so a form can never offer one the API refuses. */
public final class Choices {

    /** A value and how the clinic reads it. */
    public record Choice(String value, String words) {}

    private static final Map<String, List<Choice>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("zone", of(ScalpZone.values()));
        ALL.put("hairLossScale", of(ConsultationHeld.HairLossScale.values()));
        ALL.put("alopeciaType", of(ConsultationHeld.AlopeciaType.values()));
        ALL.put("fitzpatrickType", of(ConsultationHeld.FitzpatrickType.values()));
        ALL.put("undertone", of(ConsultationHeld.Undertone.values()));
        ALL.put("scarKind", of(ConsultationHeld.ScarKind.values()));
        ALL.put("contraindication", of(ContraindicationScreened.Contraindication.values()));
        ALL.put("severity", of(ContraindicationScreened.Severity.values()));
        ALL.put("patchTestResult", of(PatchTestRecorded.Result.values()));
        ALL.put("restriction", of(AftercareIssued.Restriction.values()));
        ALL.put("healingOutcome", of(HealingAssessed.Outcome.values()));
        ALL.put("observation", of(HealingAssessed.Observation.values()));
        ALL.put("reactionKind", of(AdverseReactionReported.Kind.values()));
        ALL.put("reactionSeverity", of(AdverseReactionReported.Severity.values()));
        ALL.put("touchUpReason", of(TouchUpRequested.Reason.values()));
    }

    private Choices() {}

    public static Map<String, List<Choice>> all() {
        return ALL;
    }

    /** {@code MID_SCALP} reads "Mid scalp"; Roman numerals (skin types) stay as they are. */
    public static String words(String value) {
        if (value.matches("[IVX]+")) {
            return value;
        }
        String spaced = value.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static List<Choice> of(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(v -> new Choice(v.name(), words(v.name())))
                .toList();
    }
}
