package org.smpledger.app.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.recording.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Records a step of a client's course (or a lot's receipt) from a body read off a web form: the
 * body is read into the API's own request type, checked by the same constraints, and handed to the
 * API's own controller method, so a page and the API can never record differently. The sender is
 * the signed-in staff member under the role the endpoint admits.
 */
@Component
public class ClientSteps {

    /** What a step recorded. {@code clientId} is the stream's id (the lot's, for a receipt). */
    public record Recorded(String clientId, String recordId, String eventId, long streamVersion) {}

    /** Input a form cannot send as it is, each problem with the field (body path) it concerns. */
    public static final class Invalid extends RuntimeException {

        private final transient List<Problems.InvalidField> errors;

        Invalid(List<Problems.InvalidField> errors) {
            super(errors.size() + " field(s) to fix", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<Problems.InvalidField> errors() {
            return errors;
        }
    }

    private record Endpoint<T>(Class<T> body, String recordKey, Role[] admits, Send<T> send) {}

    @FunctionalInterface
    private interface Send<T> {
        ResponseEntity<Map<String, Object>> send(String clientId, T body, Sender sender);
    }

    private final ClientCommandsController clients;
    private final PigmentLotCommandsController lots;
    private final ObjectMapper json;
    private final Validator validator;
    private final Map<String, Endpoint<?>> endpoints;

    ClientSteps(
            ClientCommandsController clients,
            PigmentLotCommandsController lots,
            ObjectMapper json,
            Validator validator) {
        this.clients = clients;
        this.lots = lots;
        this.json = json;
        this.validator = validator;
        Role[] practitioner = {Role.PRACTITIONER};
        this.endpoints = Map.ofEntries(
                Map.entry(
                        "registration",
                        new Endpoint<>(
                                TreatmentRequests.Registration.class,
                                "clientId",
                                practitioner,
                                (id, body, sender) -> clients.register(body, sender))),
                entry("consultation", TreatmentRequests.Consultation.class, "consultationId", clients::consultation),
                entry("screening", TreatmentRequests.Screening.class, "screeningId", clients::screening),
                entry("consent", TreatmentRequests.Consent.class, "consentId", clients::consent),
                entry("patch-test", TreatmentRequests.PatchTest.class, "patchTestId", clients::patchTest),
                entry("hairline-design", TreatmentRequests.HairlineDesign.class, "designId", clients::hairlineDesign),
                entry("session", TreatmentRequests.Session.class, "sessionId", clients::session),
                entry("aftercare", TreatmentRequests.Aftercare.class, "aftercareId", clients::aftercare),
                entry("healing-check", TreatmentRequests.HealingAssessment.class, "assessmentId", clients::healing),
                entry(
                        "adverse-reaction",
                        TreatmentRequests.AdverseReaction.class,
                        "reactionId",
                        clients::adverseReaction),
                entry("touch-up", TreatmentRequests.TouchUp.class, "touchUpId", clients::touchUp),
                entry("correction", TreatmentRequests.Correction.class, "correctionId", clients::correction),
                Map.entry(
                        "lot-receipt",
                        new Endpoint<>(
                                PigmentLotCommandsController.Receipt.class,
                                "lotId",
                                new Role[] {Role.PRACTITIONER, Role.CLINIC_ADMIN},
                                (id, body, sender) -> lots.receive(body, sender))));
    }

    private static <T> Map.Entry<String, Endpoint<?>> entry(
            String step, Class<T> body, String recordKey, Send<T> send) {
        return Map.entry(step, new Endpoint<>(body, recordKey, new Role[] {Role.PRACTITIONER}, send));
    }

    public boolean knows(String step) {
        return endpoints.containsKey(step);
    }

    /** Whether the member may record this step (holds a role its endpoint admits). */
    public boolean mayRecord(String step, StaffMember staff) {
        Endpoint<?> endpoint = endpoints.get(step);
        return endpoint != null && staff.actingAs(endpoint.admits()).isPresent();
    }

    /**
     * Records the step. Throws {@link Invalid} for input the API would answer with 400, {@link
     * RuleViolation} for a clinic rule's refusal (and for a record of another clinic, as not found),
     * {@link ProblemException} for an unknown client.
     */
    public Recorded record(String step, String clientId, Map<String, Object> body, StaffMember staff) {
        Endpoint<?> endpoint = endpoints.get(step);
        if (endpoint == null) {
            throw new ProblemException(Problems.unknownRecord(step));
        }
        return send(endpoint, clientId, body, staff);
    }

    private <T> Recorded send(Endpoint<T> endpoint, String clientId, Map<String, Object> form, StaffMember staff) {
        Role role = staff.actingAs(endpoint.admits()).orElseThrow(() -> new AccessDeniedException("not admitted"));
        T body = read(endpoint.body(), form);
        List<Problems.InvalidField> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(body)) {
            errors.add(
                    new Problems.InvalidField(field(violation.getPropertyPath().toString()), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problems.InvalidField::field));
            throw new Invalid(errors);
        }
        String correlation = AccessAttempt.current()
                .map(AccessAttempt::correlationId)
                .orElseGet(() -> UUID.randomUUID().toString());
        Sender sender = new Sender(
                staff.clinicId(), staff.userId(), role.roleName(), staff.authenticatedBy(), correlation, null, null);
        try {
            Map<String, Object> answer =
                    endpoint.send().send(clientId, body, sender).getBody();
            return new Recorded(
                    String.valueOf(answer.values().iterator().next()),
                    answer.get(endpoint.recordKey()) == null ? null : String.valueOf(answer.get(endpoint.recordKey())),
                    String.valueOf(answer.get("eventId")),
                    ((Number) answer.get("streamVersion")).longValue());
        } catch (AggregateNotFoundException unknown) {
            throw new ProblemException(Problems.unknownRecord(clientId));
        }
    }

    private <T> T read(Class<T> type, Map<String, Object> form) {
        try {
            return json.convertValue(form, type);
        } catch (IllegalArgumentException unreadable) {
            String field = unreadable.getCause() instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
            throw new Invalid(List.of(new Problems.InvalidField(field, "is not a value this field takes")));
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code zoneWork[0].densityGiven} (a check across fields) is shown at its entry, {@code zoneWork[0]}. */
    private static String field(String path) {
        for (String crossField : List.of(
                "densityGiven",
                "findingsGivenWhenPositive",
                "waiverReasonGivenWhenWaived",
                "readAfterApplication",
                "endAfterStart",
                "somethingCorrected")) {
            if (path.equals(crossField)) {
                return "";
            }
            if (path.endsWith("." + crossField)) {
                return path.substring(0, path.length() - crossField.length() - 1);
            }
        }
        return path.replaceAll("<[^>]*>", "");
    }
}
