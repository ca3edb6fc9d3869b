package org.smpledger.events;

import java.lang.reflect.RecordComponent;

/**
 * What the contract says of one field: personal data ({@link PersonalData}), free text
 * ({@link FreeText}), a special-category health fact ({@link HealthData}), and from that where it
 * is published.
 */
public record FieldMarks(boolean personal, boolean freeText, boolean health) {

    public static final FieldMarks NONE = new FieldMarks(false, false, false);

    /** Where a field goes downstream. */
    public enum Publication {
        /** On the public topics (and the clinical topic). */
        PUBLIC,
        /** Only on the clinical topic, for consumers entitled to health data. */
        CLINICAL,
        /** On no topic. */
        NEVER
    }

    public static FieldMarks of(RecordComponent component) {
        return new FieldMarks(
                component.isAnnotationPresent(PersonalData.class),
                component.isAnnotationPresent(FreeText.class),
                component.isAnnotationPresent(HealthData.class));
    }

    /** The marks of a field inside this one: it has every mark of this field, and its own. */
    public FieldMarks and(FieldMarks inner) {
        return new FieldMarks(personal || inner.personal, freeText || inner.freeText, health || inner.health);
    }

    public boolean any() {
        return personal || freeText || health;
    }

    public Publication publication() {
        if (personal) {
            return Publication.NEVER;
        }
        return freeText || health ? Publication.CLINICAL : Publication.PUBLIC;
    }
}
