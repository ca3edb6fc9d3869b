package org.smpledger.app.pages;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.Page;
import org.smpledger.projections.lots.LotRecall;
import org.smpledger.projections.lots.LotRecallQuery;
import org.smpledger.projections.risk.RiskFlags;
import org.smpledger.projections.risk.RiskQuery;
import org.smpledger.web.FormView;
import org.smpledger.web.RecallCsv;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages over the whole clinic: the start page, risk flags, pigment lots and their recall lists. */
@Controller
@Hidden
class ClinicPages {

    private final ObjectProvider<RiskQuery> risk;
    private final ObjectProvider<LotRecallQuery> lots;
    private final FormSubmissions forms;
    private final Clock clock;

    ClinicPages(
            ObjectProvider<RiskQuery> risk, ObjectProvider<LotRecallQuery> lots, FormSubmissions forms, Clock clock) {
        this.clock = clock;
        this.risk = risk;
        this.lots = lots;
        this.forms = forms;
    }

    @GetMapping("/")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    String start() {
        return "redirect:/clients";
    }

    @GetMapping("/risk-flags")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST})
    String riskFlags(@AuthenticationPrincipal StaffMember caller, Model model) {
        RiskFlags flags = ClientRecords.available(risk.getIfAvailable())
                .flags(caller.clinicId(), clock.instant(), 0, Page.MAX_SIZE);
        AccessAttempt.current().ifPresent(attempt -> {
            attempt.read("clinic", caller.clinicId(), caller.clinicId(), "risk-flags");
            attempt.named(
                    flags.flags().items().stream().map(RiskFlags.Flag::clientId).toList());
        });
        model.addAttribute("flags", flags.flags());
        return "pages/risk-flags";
    }

    @GetMapping("/lots")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    String lots(
            @RequestParam(name = "lot", required = false) String lotId,
            @AuthenticationPrincipal StaffMember caller,
            HttpServletResponse response,
            Model model) {
        String wanted = lotId == null ? "" : lotId.trim();
        model.addAttribute("lot", wanted);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FormView.empty());
        }
        if (!wanted.isEmpty()) {
            Optional<LotRecall> recall = recall(wanted, caller);
            if (recall.isEmpty()) {
                response.setStatus(404);
                model.addAttribute("lotError", "No lot " + wanted + " was received or used in this clinic.");
            }
            recall.ifPresent(found -> model.addAttribute("recall", found));
        }
        return "pages/lots";
    }

    @GetMapping("/lots/{lotId}/recall.csv")
    @Admits({Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST, Role.CLINIC_ADMIN})
    ResponseEntity<byte[]> recallCsv(@PathVariable String lotId, @AuthenticationPrincipal StaffMember caller) {
        LotRecall recall = recall(lotId, caller).orElseThrow(() -> new ProblemException(Problems.unknownRecord(lotId)));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("recall-" + lotId.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv")
                                .build()
                                .toString())
                .body(RecallCsv.of(recall).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/lots")
    @Admits({Role.PRACTITIONER, Role.CLINIC_ADMIN})
    String receive(
            HttpServletRequest request,
            HttpServletResponse response,
            @AuthenticationPrincipal StaffMember caller,
            Model model,
            RedirectAttributes redirect) {
        return forms.recordNew(
                "lot-receipt",
                request,
                caller,
                response,
                redirect,
                recorded -> new FormSubmissions.Done("Lot " + recorded.clientId() + " received", "/lots"),
                (form, refusal) -> {
                    if (refusal != null) {
                        // a lot's refusal (received already) concerns its id
                        form = new FormView(request.getParameterMap(), Map.of("lotId", refusal.message()));
                        response.setStatus(409);
                    }
                    model.addAttribute("form", form);
                    return lots(null, caller, response, model);
                });
    }

    private Optional<LotRecall> recall(String lotId, StaffMember caller) {
        Optional<LotRecall> recall =
                ClientRecords.available(lots.getIfAvailable()).clients(lotId, caller.clinicId(), 0, Page.MAX_SIZE);
        recall.ifPresent(found -> AccessAttempt.current().ifPresent(attempt -> {
            attempt.read("lot", lotId, caller.clinicId(), "lot-recall");
            attempt.named(found.clients().items().stream()
                    .map(LotRecall.ClientUse::clientId)
                    .toList());
        }));
        return recall;
    }
}
