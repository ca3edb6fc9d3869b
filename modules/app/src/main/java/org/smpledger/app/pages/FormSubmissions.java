package org.smpledger.app.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.smpledger.app.api.ClientSteps;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.web.FormFields;
import org.smpledger.web.FormView;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every form of the pages does with a submission: records it through the API's own path
 * ({@link ClientSteps}); bad input comes back (400) with each problem next to its field; a clinic
 * rule's refusal comes back (422, or 409 for a conflict) as a {@link Refusal}; after success it waits
 * for the read models (read your writes, bounded) and redirects with what was recorded.
 */
@Component
class FormSubmissions {

    /** Where to go after success, and the words the next page shows. */
    record Done(String words, String redirectTo) {}

    /** Shows the form again: what was entered with its problems, or a rule's refusal (null for bad input). */
    @FunctionalInterface
    interface FormAgain {
        String show(FormView form, Refusal refusal);
    }

    /** One submission: the step, its client (null when the step creates its stream), the form as sent and as a body. */
    record Submission(
            String step,
            String clientId,
            Map<String, String[]> submitted,
            Map<String, Object> body,
            Predicate<String> overridable) {}

    private final ClientSteps steps;
    private final ReadYourWrites readYourWrites;
    private final PoliciesInForce policies;

    FormSubmissions(ClientSteps steps, ReadYourWrites readYourWrites, PoliciesInForce policies) {
        this.steps = steps;
        this.readYourWrites = readYourWrites;
        this.policies = policies;
    }

    /** A form that starts a stream of its own (a client's, a lot's) and has no rule that may be overridden. */
    String recordNew(
            String step,
            HttpServletRequest request,
            StaffMember caller,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Function<ClientSteps.Recorded, Done> done,
            FormAgain again) {
        Map<String, String[]> submitted = request.getParameterMap();
        Map<String, Object> body =
                FormFields.body(submitted, policies.now(caller).timeZone(), List.of());
        return record(
                new Submission(step, null, submitted, body, rule -> false), caller, response, redirect, done, again);
    }

    String record(
            Submission submission,
            StaffMember caller,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Function<ClientSteps.Recorded, Done> done,
            FormAgain again) {
        try {
            ClientSteps.Recorded recorded =
                    steps.record(submission.step(), submission.clientId(), submission.body(), caller);
            boolean fresh = readYourWrites.await();
            Done next = done.apply(recorded);
            redirect.addFlashAttribute("recorded", next.words());
            redirect.addFlashAttribute("recordedEventId", recorded.eventId());
            redirect.addFlashAttribute("stale", !fresh);
            return "redirect:" + next.redirectTo();
        } catch (ClientSteps.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
            response.setStatus(400);
            return again.show(new FormView(submission.submitted(), errors), null);
        } catch (RuleViolation violation) {
            if (violation.kind() == RuleViolation.Kind.NOT_FOUND && submission.clientId() != null) {
                throw new ProblemException(Problems.unknownRecord(submission.clientId()));
            }
            response.setStatus(violation.kind() == RuleViolation.Kind.CONFLICT ? 409 : 422);
            Refusal refusal = Refusal.of(violation, submission.overridable().test(violation.rule()));
            return again.show(new FormView(submission.submitted(), Map.of()), refusal);
        }
    }
}
