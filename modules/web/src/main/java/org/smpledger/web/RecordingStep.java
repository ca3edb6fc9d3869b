package org.smpledger.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The steps of a course a practitioner records through a form, in the order a course usually takes. */
public enum RecordingStep {
    CONSULTATION("consultation", "Consultation", "Hair loss, skin, scars and goals", List.of()),
    SCREENING(
            "screening",
            "Contraindication screening",
            "What was asked and found; none found is a finding too",
            List.of("findings")),
    CONSENT("consent", "Consent", "The signed consent form", List.of()),
    PATCH_TEST("patch-test", "Patch test", "A pigment lot tested on the skin and its reading", List.of()),
    HAIRLINE_DESIGN("hairline-design", "Hairline design", "The agreed design and the zones planned", List.of()),
    SESSION("session", "Session", "The work on each zone: density, needles, lots", List.of()),
    AFTERCARE("aftercare", "Aftercare", "Instructions given after a session", List.of()),
    HEALING_CHECK("healing-check", "Healing check", "How a session healed, per zone", List.of()),
    ADVERSE_REACTION(
            "adverse-reaction", "Adverse reaction", "A reaction the client had, with the lots involved", List.of()),
    TOUCH_UP("touch-up", "Touch-up request", "Opens a new course for the zones named", List.of()),
    CORRECTION(
            "correction",
            "Correction",
            "Corrects or voids a step recorded in error; the step stays on record",
            List.of());

    private final String segment;
    private final String title;
    private final String hint;
    private final List<String> alwaysLists;

    RecordingStep(String segment, String title, String hint, List<String> alwaysLists) {
        this.segment = segment;
        this.title = title;
        this.hint = hint;
        this.alwaysLists = alwaysLists;
    }

    /** The step's part of the page address: {@code /clients/{id}/record/<segment>}. */
    public String segment() {
        return segment;
    }

    public String title() {
        return title;
    }

    public String hint() {
        return hint;
    }

    /** Lists the command body always has (empty when the form gave none). */
    public List<String> alwaysLists() {
        return alwaysLists;
    }

    public static Optional<RecordingStep> of(String segment) {
        return Arrays.stream(values())
                .filter(step -> step.segment.equals(segment))
                .findFirst();
    }
}
