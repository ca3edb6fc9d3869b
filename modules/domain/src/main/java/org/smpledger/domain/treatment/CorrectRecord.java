package org.smpledger.domain.treatment;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.FieldPath;
import org.smpledger.events.treatment.PersonalDetails;

/**
 * Fixes a mistake in an earlier event, named by its event id (or the id of what it recorded, such as
 * a session id). Personal details are corrected by naming the registration and giving
 * {@code personalDetails}; any other event by {@code changes} and/or {@code voided}.
 */
public record CorrectRecord(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String correctionId,
        String correctedEventId,
        String reason,
        Map<String, String> changes,
        boolean voided,
        PersonalDetails personalDetails) {

    /** A key of {@code changes}: a field path such as {@code zoneWork[1].densityAddedFraction}. */
    public static final String FIELD_PATH = FieldPath.SYNTAX;

    public static final int MAX_CHANGES = 50;
    public static final int MAX_VALUE_LENGTH = 1000;
}
