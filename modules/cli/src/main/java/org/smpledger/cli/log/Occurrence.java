package org.smpledger.cli.log;

import java.util.List;
import java.util.Map;

/**
 * When each event type says its fact happened: the payload field (the first present of those
 * listed) that a client's timeline also shows as the step's time. Corrections have none: they
 * happen to the record, at the time they are recorded. {@code OccurrenceTest} checks that every
 * type of the contract is listed and each field is an instant of that type.
 */
final class Occurrence {

    static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("ClientRegistered", List.of("registeredAt")),
            Map.entry("ClientDetailsCorrected", List.of()),
            Map.entry("ConsultationHeld", List.of("heldAt")),
            Map.entry("ContraindicationScreened", List.of("screenedAt")),
            Map.entry("ConsentSigned", List.of("signedAt")),
            Map.entry("PatchTestRecorded", List.of("readAt", "appliedAt")),
            Map.entry("HairlineDesigned", List.of("designedAt")),
            Map.entry("SessionCompleted", List.of("startedAt")),
            Map.entry("AftercareIssued", List.of("issuedAt")),
            Map.entry("HealingAssessed", List.of("assessedAt")),
            Map.entry("AdverseReactionReported", List.of("observedAt")),
            Map.entry("TreatmentPlanned", List.of("plannedAt")),
            Map.entry("CourseCompleted", List.of("completedAt")),
            Map.entry("ReactionReportedToAuthority", List.of("reportedAt")),
            Map.entry("TouchUpRequested", List.of("requestedAt")),
            Map.entry("RecordCorrected", List.of()),
            Map.entry("ClientPersonalDataErased", List.of("erasedAt")),
            Map.entry("PigmentLotReceived", List.of("receivedAt")),
            Map.entry("PigmentLotRecalled", List.of("recalledAt")),
            Map.entry("ClinicPolicyAdopted", List.of("adoptedAt")));

    private Occurrence() {}

    static List<String> fieldsOf(String typeName) {
        List<String> fields = FIELDS.get(typeName);
        if (fields == null) {
            throw new IllegalStateException("no occurrence time is defined for event type " + typeName);
        }
        return fields;
    }
}
