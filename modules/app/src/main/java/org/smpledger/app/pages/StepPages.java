package org.smpledger.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.policy.PolicyInForce;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.web.Choices;
import org.smpledger.web.DensityChart;
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

    private final ClientRecords records;
    private final FormSubmissions forms;
    private final PoliciesInForce policies;

    StepPages(ClientRecords records, FormSubmissions forms, PoliciesInForce policies) {
        this.records = records;
        this.forms = forms;
        this.policies = policies;
    }

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
        Map<String, Object> body =
                FormFields.body(submitted, policies.now(caller).timeZone(), recording.alwaysLists());
        if (recording == RecordingStep.CORRECTION) {
            body = correctionBody(body);
        }
        return forms.record(
                new FormSubmissions.Submission(
                        step,
                        clientId,
                        submitted,
                        body,
                        rule -> recording == RecordingStep.SESSION && Refusal.OVERRIDABLE.contains(rule)),
                caller,
                response,
                redirect,
                recorded -> new FormSubmissions.Done(recording.title() + " recorded", "/clients/" + clientId),
                (form, refusal) -> show(recording, clientId, form, refusal, caller, model));
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
                        .map(e -> new Choices.Choice(e.sessionId(), e.what()))
                        .toList());
        model.addAttribute(
                "correctable",
                entries.stream()
                        .filter(e -> e.corrects() == null && !e.voided())
                        .map(e -> new Choices.Choice(e.eventId(), e.what()))
                        .toList());
        PolicyInForce inForce = policies.at(caller, null);
        model.addAttribute("zone", inForce.policy().timeZone());
        model.addAttribute(
                "ceiling",
                DensityChart.number(
                        inForce.policy().overLayering().densityCeiling().value()));
        model.addAttribute("policyLabel", inForce.label());
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
