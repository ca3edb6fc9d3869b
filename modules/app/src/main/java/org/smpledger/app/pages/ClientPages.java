package org.smpledger.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.query.ClientPersonalDetails;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.projections.Page;
import org.smpledger.projections.overview.ClientCourse;
import org.smpledger.projections.overview.ClinicOverviewQuery;
import org.smpledger.projections.risk.ClientRisk;
import org.smpledger.projections.timeline.ClientTimeline;
import org.smpledger.web.Choices;
import org.smpledger.web.DensityChart;
import org.smpledger.web.FormView;
import org.smpledger.web.PlanTargets;
import org.smpledger.web.RecordingStep;
import org.smpledger.web.ScalpMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The clinic's clients: the list with course status and risk, registering a client, and a client's record. */
@Controller
@Hidden
class ClientPages {

    /** Clients shown on one page of the list. */
    static final int LIST_SIZE = 50;

    private final ClientRecords records;
    private final ObjectProvider<ClinicOverviewQuery> overview;
    private final ObjectProvider<PlanTargets> planTargets;
    private final FormSubmissions forms;
    private final PoliciesInForce policies;
    private final Clock clock;

    ClientPages(
            ClientRecords records,
            ObjectProvider<ClinicOverviewQuery> overview,
            ObjectProvider<PlanTargets> planTargets,
            FormSubmissions forms,
            PoliciesInForce policies,
            Clock clock) {
        this.records = records;
        this.overview = overview;
        this.planTargets = planTargets;
        this.forms = forms;
        this.policies = policies;
        this.clock = clock;
    }

    /** One row of the client list. */
    public record ClientRow(ClientCourse course, String name, String risk, String riskWords) {

        /** The course and its plan in words: {@code course 1, plan of 3 sessions, completed}. */
        public String courseWords() {
            if (course.course() == 0) {
                return course.plannedSessions() == null
                        ? "not started"
                        : "not started, plan of " + course.plannedSessions() + " sessions";
            }
            return "course " + course.course()
                    + (course.plannedSessions() == null
                            ? ", no plan"
                            : ", plan of " + course.plannedSessions() + " sessions")
                    + (course.courseCompleted() ? ", completed" : "")
                    + (course.lossObserved() && !course.courseCompleted() ? ", fading observed" : "")
                    + (course.touchUpRequested() ? " (touch-up requested)" : "");
        }

        /** Sessions done: {@code 2 of 3 planned in this course, 2 in all}. */
        public String sessionsWords() {
            return course.sessionsInCourse()
                    + (course.plannedSessions() == null ? "" : " of " + course.plannedSessions() + " planned")
                    + " in this course, " + course.totalSessions() + " in all";
        }
    }

    @GetMapping("/clients")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    String clients(
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal StaffMember caller,
            Model model) {
        String search = query == null ? "" : query.trim();
        Instant now = clock.instant();
        ClinicOverviewQuery clinic = ClientRecords.available(overview.getIfAvailable());
        List<ClientRow> rows = new ArrayList<>();
        long total;
        int shownPage = Math.max(0, page);
        if (search.isEmpty()) {
            Page<ClientCourse> found = clinic.clients(caller.clinicId(), now, shownPage, LIST_SIZE);
            found.items().forEach(course -> rows.add(row(course, caller, null)));
            total = found.total();
        } else {
            // every client of the clinic is read for a name search: their names live only in their own streams
            Page<ClientCourse> all = clinic.clients(caller.clinicId(), now, 0, Page.MAX_SIZE);
            String wanted = search.toLowerCase(Locale.ROOT);
            for (ClientCourse course : all.items()) {
                if (course.clientId().equalsIgnoreCase(search)) {
                    rows.add(row(course, caller, null));
                    continue;
                }
                if (caller.maySeePersonalDetails()) {
                    Optional<ClientPersonalDetails.OnRecord> details =
                            records.personalDetails(course.clientId(), caller);
                    if (details.isPresent()
                            && details.get().fullName() != null
                            && details.get().fullName().toLowerCase(Locale.ROOT).contains(wanted)) {
                        rows.add(row(course, caller, details.get()));
                    }
                }
                if (rows.size() >= LIST_SIZE) {
                    break;
                }
            }
            total = rows.size();
        }
        AccessAttempt.current().ifPresent(attempt -> {
            attempt.read("clinic", caller.clinicId(), caller.clinicId(), "clients");
            attempt.named(rows.stream().map(r -> r.course().clientId()).toList());
        });
        model.addAttribute("rows", rows);
        model.addAttribute("total", total);
        model.addAttribute("page", shownPage);
        model.addAttribute("pages", (total + LIST_SIZE - 1) / LIST_SIZE);
        model.addAttribute("q", search);
        model.addAttribute("zone", policies.now(caller).timeZone());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FormView.empty());
        }
        return "pages/clients";
    }

    private ClientRow row(ClientCourse course, StaffMember caller, ClientPersonalDetails.OnRecord known) {
        String name = null;
        if (caller.maySeePersonalDetails()) {
            ClientPersonalDetails.OnRecord details = known != null
                    ? known
                    : records.personalDetails(course.clientId(), caller).orElse(null);
            name = details == null ? null : details.fullName();
        }
        String level = null;
        if (caller.is(Role.PRACTITIONER) || caller.is(Role.AUDITOR) || caller.is(Role.ANALYST)) {
            level = records.risk(course.clientId(), null, caller)
                    .map(risk -> risk.level().name())
                    .orElse("NONE");
        }
        return new ClientRow(course, name, level, level == null ? null : levelWords(level));
    }

    @PostMapping("/clients")
    @Admits(Role.PRACTITIONER)
    String register(
            HttpServletRequest request,
            HttpServletResponse response,
            @AuthenticationPrincipal StaffMember caller,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String[]> submitted = request.getParameterMap();
        return forms.recordNew(
                "registration",
                request,
                caller,
                response,
                redirect,
                recorded -> new FormSubmissions.Done("Client registered", "/clients/" + recorded.clientId()),
                (form, refusal) -> {
                    model.addAttribute(
                            "form", refusal == null ? form : new FormView(submitted, Map.of("", refusal.message())));
                    return clients(null, 0, caller, model);
                });
    }

    @GetMapping("/clients/{clientId}")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    String record(
            @PathVariable String clientId,
            @RequestParam(required = false) String asOf,
            @AuthenticationPrincipal StaffMember caller,
            HttpServletResponse response,
            Model model) {
        ZoneId zone = policies.now(caller).timeZone();
        Instant at = null;
        if (asOf != null && !asOf.isBlank()) {
            try {
                at = instant(asOf.trim(), zone);
                if (at.isAfter(clock.instant())) {
                    at = null;
                    model.addAttribute("asOfError", "must not be in the future");
                }
            } catch (DateTimeParseException unreadable) {
                model.addAttribute("asOfError", "must be a date and time, e.g. 2026-03-10T14:30");
            }
            if (model.containsAttribute("asOfError")) {
                response.setStatus(400);
            }
        }
        Instant shownAt = at;
        ClientTimeline timeline = records.timeline(clientId, at, caller);
        Optional<ClientRisk> risk = records.risk(clientId, at, caller);
        Optional<ClientPersonalDetails.OnRecord> details = records.personalDetails(clientId, caller);
        details.ifPresent(found -> model.addAttribute("details", found));
        ClientRecords.Reasons reasons = records.reasons(clientId, caller);
        String reasonWithheld =
                details.map(ClientPersonalDetails.OnRecord::erased).orElse(false)
                        ? "reason erased with the client's personal data"
                        : caller.maySeePersonalDetails() ? "no reason on record" : "reason not shown: personal data";
        model.addAttribute("reasons", reasons.byEventId());
        model.addAttribute("reasonWithheld", reasonWithheld);
        ClinicPolicy policy = policies.at(caller, at).policy();
        double ceiling = policy.overLayering().densityCeiling().value();
        double watchRatio = policy.overLayering().watchRatio();
        Map<String, Double> targets = Optional.ofNullable(planTargets.getIfAvailable())
                .map(plans -> plans.targets(clientId, shownAt))
                .orElseGet(() -> planTargetsOf(risk));
        List<DensityChart> charts = new ArrayList<>();
        risk.ifPresent(r -> r.zones()
                .forEach(z -> charts.add(DensityChart.of(
                        z,
                        Choices.words(z.zone()),
                        ceiling,
                        watchRatio,
                        targets.get(z.zone()),
                        zone,
                        session -> reasons.bySessionId().getOrDefault(session.sessionId(), reasonWithheld)))));
        List<ClientTimeline.Entry> entries = new ArrayList<>(timeline.entries().items().stream()
                .filter(entry -> entry.corrects() == null)
                .toList());
        java.util.Collections.reverse(entries);
        model.addAttribute("clientId", clientId);
        model.addAttribute("entries", entries);
        model.addAttribute("risk", risk.orElse(null));
        model.addAttribute("map", ScalpMap.of(risk.orElse(null), ceiling));
        model.addAttribute("charts", charts);
        model.addAttribute("plansAvailable", !targets.isEmpty());
        model.addAttribute("plan", risk.map(ClientPages::planWords).orElse(null));
        model.addAttribute("course", risk.map(ClientPages::courseWords).orElse(null));
        model.addAttribute("asOf", at);
        model.addAttribute(
                "asOfValue",
                at == null
                        ? ""
                        : LocalDateTime.ofInstant(at, zone)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
        model.addAttribute("zone", zone);
        model.addAttribute("steps", RecordingStep.values());
        return "pages/client";
    }

    /** An instant from an ISO-8601 instant, or a local date-time (a datetime-local field) in the clinic's zone. */
    static Instant instant(String value, ZoneId zone) {
        if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
            return java.time.OffsetDateTime.parse(value).toInstant();
        }
        return LocalDateTime.parse(value).atZone(zone).toInstant();
    }

    static String levelWords(String level) {
        return switch (level) {
            case "OK" -> "within limits";
            case "WATCH" -> "watch";
            case "HIGH" -> "high";
            default -> "no density yet";
        };
    }

    /** The course's plan in words, from the zones the risk judged by it; null without a plan. */
    static String planWords(ClientRisk risk) {
        Optional<ClientRisk.Plan> plan = risk.zones().stream()
                .map(ClientRisk.Zone::plan)
                .filter(Objects::nonNull)
                .findFirst();
        if (plan.isEmpty()) {
            return null;
        }
        List<String> targets = risk.zones().stream()
                .filter(z -> z.plan() != null && z.plan().target() != null)
                .map(z -> Choices.words(z.zone()) + " "
                        + DensityChart.number(z.plan().target()))
                .toList();
        return "Plan: " + plan.get().plannedSessions() + " sessions"
                + (targets.isEmpty() ? "" : "; target density " + String.join(", ", targets)) + ".";
    }

    /** Sessions done in the current course and what healing checks found lost, zone by zone. */
    static String courseWords(ClientRisk risk) {
        if (risk.zones().isEmpty()) {
            return null;
        }
        int course = risk.zones().get(0).course();
        int sessions = risk.zones().stream()
                .mapToInt(ClientRisk.Zone::sessionsInCourse)
                .max()
                .orElse(0);
        List<String> losses = risk.zones().stream()
                .filter(z -> z.observedLoss() > 0)
                .map(z -> Choices.words(z.zone()).toLowerCase(Locale.ROOT) + " lost "
                        + DensityChart.number(z.observedLoss()))
                .toList();
        return "Course " + course + ": " + sessions + " session(s) on record"
                + (losses.isEmpty()
                        ? "; no fading observed"
                        : "; healing checks found fading: " + String.join(", ", losses))
                + ". Judged by "
                + (risk.judgedBy() == null
                        ? "the clinic's policy"
                        : risk.judgedBy().label()) + ".";
    }

    /** The targets of the course's treatment plan, zone by zone, as the risk judged them (empty: no plan). */
    private static Map<String, Double> planTargetsOf(Optional<ClientRisk> risk) {
        Map<String, Double> targets = new HashMap<>();
        risk.ifPresent(r -> r.zones().stream()
                .filter(z -> z.plan() != null && z.plan().target() != null)
                .forEach(z -> targets.put(z.zone(), z.plan().target())));
        return targets;
    }
}
