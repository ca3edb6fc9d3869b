package org.smpledger.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smpledger.app.api.ClientSteps;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.web.FormFields;
import org.smpledger.web.FormView;
import org.smpledger.web.RecordingStep;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms that record a step of a client's course. A submission goes through the API's own
 * request types, constraints and controller ({@link ClientSteps}); bad input is shown next to its
 * field, a clinic rule's refusal in plain words with its numbers (and, for an over-layering limit,
 * the override fields), and after success the record is shown once the read models have it.
 */
@Controller
@Hidden
class StepPages {

    /** Rules whose refusal an override with a reason lifts (docs/api.md). */
    static final Set<String> OVERRIDABLE = Set.of("density-ceiling", "session-limit", "dot-spacing");

    private final ClientRecords records;
    private final ClientSteps steps;
    private final ReadYourWrites readYourWrites;
    private final ClinicPolicy policy;

    StepPages(ClientRecords records, ClientSteps steps, ReadYourWrites readYourWrites, ClinicPolicy policy) {
        this.records = records;
        this.steps = steps;
        this.readYourWrites = readYourWrites;
        this.policy = policy;
    }

    /** A refusal as the form shows it. */
    public record Refusal(String rule, String message, Map<String, Object> numbers, boolean overridable) {}

    @GetMapping("/clients/{clientId}/record/{step}")
    @Admits(Role.PRACTITIONER)
    String form(
            @PathVariable String clientId,
            @PathVariable String step,
            @AuthenticationPrincipal StaffMember caller,
            Model model) {
        return show(known(step), clientId, FormView.empty(), null, caller, model);
    }

    @PostMapping("/clients/{clientId}/record/{step}")
    @Admits(Role.PRACTITIONER)
    String record(
            @PathVariable String clientId,
            @PathVariable String step,
            HttpServletRequest request,
            HttpServletResponse response,
            @AuthenticationPrincipal StaffMember caller,
            Model model,
            RedirectAttributes redirect) {
        RecordingStep recording = known(step);
        Map<String, String[]> submitted = request.getParameterMap();
        Map<String, Object> body = FormFields.body(submitted, policy.timeZone(), recording.alwaysLists());
        if (recording == RecordingStep.CORRECTION) {
            body = correctionBody(body);
        }
        try {
            ClientSteps.Recorded recorded = steps.record(step, clientId, body, caller);
            boolean fresh = readYourWrites.await();
            redirect.addFlashAttribute("recorded", recording.title() + " recorded");
            redirect.addFlashAttribute("recordedEventId", recorded.eventId());
            redirect.addFlashAttribute("stale", !fresh);
            return "redirect:/clients/" + clientId;
        } catch (ClientSteps.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
            response.setStatus(400);
            return show(recording, clientId, new FormView(submitted, errors), null, caller, model);
        } catch (RuleViolation violation) {
            if (violation.kind() == RuleViolation.Kind.NOT_FOUND) {
                throw new ProblemException(Problems.unknownRecord(clientId));
            }
            response.setStatus(violation.kind() == RuleViolation.Kind.CONFLICT ? 409 : 422);
            Refusal refusal = new Refusal(
                    violation.rule(),
                    violation.getMessage(),
                    violation.numbers(),
                    recording == RecordingStep.SESSION && OVERRIDABLE.contains(violation.rule()));
            return show(recording, clientId, new FormView(submitted, Map.of()), refusal, caller, model);
        }
    }

    private String show(
            RecordingStep step, String clientId, FormView form, Refusal refusal, StaffMember caller, Model model) {
        ClientTimeline timeline = records.timeline(clientId, null, caller);
        List<ClientTimeline.Entry> entries = timeline.entries().items();
        model.addAttribute("clientId", clientId);
        model.addAttribute("step", step);
        model.addAttribute("form", form);
        model.addAttribute("refusal", refusal);
        model.addAttribute(
                "showOverride",
                refusal != null && refusal.overridable()
                        || !form.value("override.reason").isEmpty());
        model.addAttribute(
                "sessions",
                entries.stream()
                        .filter(e -> e.sessionId() != null && e.corrects() == null && !e.voided())
                        .toList());
        model.addAttribute(
                "correctable",
                entries.stream()
                        .filter(e -> e.corrects() == null && !e.voided())
                        .toList());
        model.addAttribute("zone", policy.timeZone());
        model.addAttribute("now", Instant.now());
        return "pages/step";
    }

    /** The correction form gives changes as rows of field and value; the API takes them as one map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> correctionBody(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        Object rows = out.remove("change");
        Map<String, Object> changes = new LinkedHashMap<>();
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> map && map.get("field") != null) {
                    changes.put(String.valueOf(map.get("field")), map.get("value") == null ? "" : map.get("value"));
                }
            }
        }
        if (!changes.isEmpty()) {
            out.put("changes", changes);
        }
        return out;
    }

    private static RecordingStep known(String step) {
        return RecordingStep.of(step).orElseThrow(() -> new ProblemException(Problems.unknownRecord(step)));
    }
}
