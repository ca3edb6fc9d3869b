package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smpledger.app.domain.ClinicPolicyStreams;
import org.smpledger.app.domain.PolicyProperties;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.ProblemType;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.clinic.AdoptClinicPolicy;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyHistory;
import org.smpledger.events.clinic.ClinicRules;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A clinic's own rules: the policy in force, every version it adopted, and adopting a new one. Read
 * from the clinic's policy stream, so an adoption shows at once. The clinic is always the signed-in
 * caller's.
 */
@RestController
@RequestMapping(path = "/api/clinic-policy", produces = "application/json")
@Tag(name = "Clinic policy", description = "Each clinic's own rules, adopted as versions")
class ClinicPolicyController {

    /** What a policy version looks like from outside. */
    record PolicyVersion(
            String clinicId,
            int version,
            String policyId,
            String source,
            Instant adoptedAt,
            String adoptedBy,
            Instant effectiveFrom,
            String reason,
            String label,
            ClinicRules rules) {

        static PolicyVersion of(ClinicPolicyHistory.InForce inForce) {
            return inForce.adoption()
                    .map(a -> adopted(a, inForce.label()))
                    .orElseGet(() -> new PolicyVersion(
                            inForce.clinicId(),
                            0,
                            null,
                            "deployment",
                            null,
                            null,
                            null,
                            null,
                            inForce.label(),
                            inForce.rules()));
        }

        static PolicyVersion adopted(ClinicPolicyAdopted a, String label) {
            return new PolicyVersion(
                    a.clinicId(),
                    a.version(),
                    a.policyId(),
                    "clinic",
                    a.adoptedAt(),
                    a.adoptedBy(),
                    a.effectiveFrom(),
                    a.reason(),
                    label,
                    a.rules());
        }
    }

    record PolicyHistory(String clinicId, ClinicRules deploymentDefault, List<PolicyVersion> versions) {}

    private final ClinicPolicyStreams streams;
    private final PolicyProperties deployment;
    private final CommandDispatch dispatch;
    private final Clock clock;

    ClinicPolicyController(
            ClinicPolicyStreams streams, PolicyProperties deployment, CommandDispatch dispatch, Clock clock) {
        this.streams = streams;
        this.deployment = deployment;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    @GetMapping
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.CLINIC_ADMIN})
    @Operation(
            summary = "The clinic's policy in force now, or at ?at=",
            description = "Version 0 is the deployment's configuration, in force until the clinic adopts a policy.")
    PolicyVersion inForce(@RequestParam(required = false) String at, @AuthenticationPrincipal StaffMember caller) {
        Instant instant = at == null || at.isBlank() ? clock.instant() : instant("at", at);
        return PolicyVersion.of(streams.history(caller.clinicId()).inForceAt(instant));
    }

    @GetMapping("/history")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.CLINIC_ADMIN})
    @Operation(summary = "Every policy the clinic adopted, oldest first, and the deployment's default")
    PolicyHistory history(@AuthenticationPrincipal StaffMember caller) {
        List<PolicyVersion> versions = streams.history(caller.clinicId()).adoptions().stream()
                .map(ClinicPolicyController::versionOf)
                .toList();
        return new PolicyHistory(caller.clinicId(), streams.deploymentDefault().rules(), versions);
    }

    @GetMapping("/versions/{version}")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.CLINIC_ADMIN})
    @Operation(summary = "One version the clinic adopted")
    PolicyVersion version(@PathVariable int version, @AuthenticationPrincipal StaffMember caller) {
        String clinicId = caller.clinicId();
        return streams.history(clinicId).adoptions().stream()
                .filter(a -> a.version() == version)
                .findFirst()
                .map(ClinicPolicyController::versionOf)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, "Clinic %s has no policy version %d.".formatted(clinicId, version)));
    }

    @PostMapping(consumes = "application/json")
    @Admits(Role.CLINIC_ADMIN)
    @Operation(
            summary = "Adopt a new version of the clinic's policy",
            description =
                    "Rules left out are those that would otherwise be in force from effectiveFrom (default: now; never "
                            + "in the past, so nothing already judged is judged again). The whole set is stored. A set that does not "
                            + "hold together (a negative interval, a ceiling below the usual target, an unknown time zone, ...) is a "
                            + "400 naming the field, and nothing is stored.")
    ResponseEntity<Map<String, Object>> adopt(
            @Valid @RequestBody ClinicPolicyRequests.Adoption body, @Parameter(hidden = true) Sender sender) {
        Instant now = clock.instant();
        Instant effectiveFrom =
                body.effectiveFrom() == null || body.effectiveFrom().isBefore(now) ? now : body.effectiveFrom();
        ClinicPolicyHistory history = streams.history(sender.clinicId());
        ClinicRules base = history.inForceAt(effectiveFrom).rules();
        ClinicRules rules = ClinicPolicyRequests.merged(base, body.rules(), reporting(base, body.rules()));
        List<Problems.InvalidField> problems = ClinicPolicy.problems(rules).stream()
                .map(p -> new Problems.InvalidField("rules." + p.field(), p.message()))
                .toList();
        if (!problems.isEmpty()) {
            throw new ProblemException(Problems.invalidRequest(problems));
        }
        Recorded recorded = dispatch.send(
                new AdoptClinicPolicy(
                        sender.clinicId(),
                        sender.expectedVersion(),
                        now,
                        sender.actorId(),
                        effectiveFrom,
                        rules,
                        body.reason()),
                sender,
                body);
        int version = Integer.parseInt(
                recorded.recordId().substring(recorded.recordId().lastIndexOf("/v") + 2));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clinicId", sender.clinicId());
        answer.put("policyId", recorded.recordId());
        answer.put("version", version);
        answer.put("effectiveFrom", effectiveFrom);
        ResponseEntity<Map<String, Object>> created =
                CommandDispatch.created(recorded, "streamId", null, "/api/clinic-policy/versions/" + version);
        answer.putAll(created.getBody());
        return ResponseEntity.status(created.getStatusCode())
                .headers(created.getHeaders())
                .body(answer);
    }

    private static PolicyVersion versionOf(ClinicPolicyAdopted adopted) {
        return PolicyVersion.of(new ClinicPolicyHistory.InForce(
                adopted.clinicId(), adopted.version(), adopted.rules(), Optional.of(adopted)));
    }

    /** The reporting rule: as given, or the configured rule of a newly named jurisdiction, or unchanged. */
    private ClinicRules.Reporting reporting(ClinicRules base, ClinicPolicyRequests.Rules change) {
        ClinicPolicyRequests.Reporting given = change.reporting();
        if (given == null) {
            return base.reporting();
        }
        String jurisdiction =
                ClinicPolicyRequests.or(given.jurisdiction(), base.reporting().jurisdiction());
        ClinicRules.Reporting known = jurisdiction.equals(base.reporting().jurisdiction())
                ? base.reporting()
                : deployment.reportingIn(jurisdiction).orElse(null);
        if (known == null && (given.workingDays() == null || given.kinds() == null)) {
            throw new ProblemException(
                    Problems.invalidRequest(
                            "rules.reporting.jurisdiction",
                            "has no reporting rule configured (smp.policy.reporting.jurisdictions): give workingDays and kinds"));
        }
        return new ClinicRules.Reporting(
                jurisdiction,
                ClinicPolicyRequests.or(given.workingDays(), known == null ? null : known.workingDays()),
                List.copyOf(ClinicPolicyRequests.or(given.kinds(), known == null ? null : known.kinds())));
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(
                    Problems.invalidRequest(parameter, "must be an ISO-8601 instant such as 2026-01-27T10:00:00Z"));
        }
    }
}
