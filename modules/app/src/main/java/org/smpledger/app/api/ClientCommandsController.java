package org.smpledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smpledger.app.api.TreatmentRequests.AdverseReaction;
import org.smpledger.app.api.TreatmentRequests.Aftercare;
import org.smpledger.app.api.TreatmentRequests.AuthorityReport;
import org.smpledger.app.api.TreatmentRequests.Consent;
import org.smpledger.app.api.TreatmentRequests.Consultation;
import org.smpledger.app.api.TreatmentRequests.Correction;
import org.smpledger.app.api.TreatmentRequests.CourseCompletion;
import org.smpledger.app.api.TreatmentRequests.HairlineDesign;
import org.smpledger.app.api.TreatmentRequests.HealingAssessment;
import org.smpledger.app.api.TreatmentRequests.PatchTest;
import org.smpledger.app.api.TreatmentRequests.Plan;
import org.smpledger.app.api.TreatmentRequests.Registration;
import org.smpledger.app.api.TreatmentRequests.Screening;
import org.smpledger.app.api.TreatmentRequests.Session;
import org.smpledger.app.api.TreatmentRequests.TouchUp;
import org.smpledger.app.api.TreatmentRequests.ZoneWork;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.treatment.AssessHealing;
import org.smpledger.domain.treatment.CompleteCourse;
import org.smpledger.domain.treatment.CompleteSession;
import org.smpledger.domain.treatment.CorrectRecord;
import org.smpledger.domain.treatment.DesignHairline;
import org.smpledger.domain.treatment.HoldConsultation;
import org.smpledger.domain.treatment.IssueAftercare;
import org.smpledger.domain.treatment.PlanTreatment;
import org.smpledger.domain.treatment.RecordPatchTest;
import org.smpledger.domain.treatment.RegisterClient;
import org.smpledger.domain.treatment.ReportAdverseReaction;
import org.smpledger.domain.treatment.ReportReactionToAuthority;
import org.smpledger.domain.treatment.RequestTouchUp;
import org.smpledger.domain.treatment.ScreenContraindications;
import org.smpledger.domain.treatment.SignConsent;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on a client's treatment record, for practitioners. Each records one event and answers
 * 201 with its ids and the stream version. {@code practitionerId}, {@code issuedBy}, ... in a body
 * name who did the work (the authenticated user when left out); who recorded it is always the
 * authenticated user, in the event's metadata.
 */
@RestController
@RequestMapping(path = "/api/clients", produces = "application/json")
@Tag(name = "Treatment records", description = "Commands that record a client's course of treatment")
class ClientCommandsController {

    private final CommandDispatch dispatch;

    ClientCommandsController(CommandDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @PostMapping(consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Register a client (opens the treatment record)")
    ResponseEntity<Map<String, Object>> register(
            @Valid @RequestBody Registration body, @Parameter(hidden = true) Sender sender) {
        String clientId = CommandDispatch.newStreamId("client", sender);
        Recorded recorded = dispatch.send(
                new RegisterClient(
                        clientId,
                        sender.clinicId(),
                        body.personalDetails().toDetails(),
                        dispatch.orNow(body.registeredAt())),
                sender,
                body);
        return CommandDispatch.created(recorded, "clientId", null, "/api/clients/" + recorded.streamId());
    }

    @PostMapping(path = "/{clientId}/consultations", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record a consultation: hair loss, skin, scars, goals")
    ResponseEntity<Map<String, Object>> consultation(
            @PathVariable String clientId,
            @Valid @RequestBody Consultation body,
            @Parameter(hidden = true) Sender sender) {
        List<ConsultationHeld.Scar> scars = body.scars() == null
                ? List.of()
                : body.scars().stream()
                        .map(s -> new ConsultationHeld.Scar(s.kind(), s.zone(), s.ageInMonths()))
                        .toList();
        return send(
                clientId,
                "consultationId",
                "consultations",
                body,
                sender,
                new HoldConsultation(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.heldAt()),
                        actor(body.practitionerId(), sender),
                        new ConsultationHeld.HairLossAssessment(
                                body.hairLoss().scale(), body.hairLoss().grade()),
                        body.alopeciaType(),
                        new ConsultationHeld.SkinProfile(
                                body.skin().fitzpatrickType(), body.skin().undertone()),
                        scars,
                        body.goals()));
    }

    @PostMapping(path = "/{clientId}/screenings", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record a contraindication screening (the latest one is current)")
    ResponseEntity<Map<String, Object>> screening(
            @PathVariable String clientId,
            @Valid @RequestBody Screening body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "screeningId",
                "screenings",
                body,
                sender,
                new ScreenContraindications(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.screenedAt()),
                        actor(body.practitionerId(), sender),
                        body.findings().stream()
                                .map(f -> new ContraindicationScreened.Finding(
                                        f.contraindication(), f.severity(), f.waitUntil(), f.note()))
                                .toList()));
    }

    @PostMapping(path = "/{clientId}/consents", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record a signed consent form")
    ResponseEntity<Map<String, Object>> consent(
            @PathVariable String clientId, @Valid @RequestBody Consent body, @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "consentId",
                "consents",
                body,
                sender,
                new SignConsent(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.signedAt()),
                        body.formVersion(),
                        body.documentRef(),
                        body.witnessedBy()));
    }

    @PostMapping(path = "/{clientId}/patch-tests", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record a patch test (the brand is the tested lot's)")
    ResponseEntity<Map<String, Object>> patchTest(
            @PathVariable String clientId,
            @Valid @RequestBody PatchTest body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "patchTestId",
                "patch-tests",
                body,
                sender,
                new RecordPatchTest(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        body.lotId(),
                        body.site(),
                        body.appliedAt(),
                        dispatch.orNow(body.readAt()),
                        body.result(),
                        body.findings(),
                        body.waiverReason(),
                        actor(body.practitionerId(), sender)));
    }

    @PostMapping(path = "/{clientId}/hairline-designs", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record the agreed hairline design and planned zones")
    ResponseEntity<Map<String, Object>> hairlineDesign(
            @PathVariable String clientId,
            @Valid @RequestBody HairlineDesign body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "designId",
                "hairline-designs",
                body,
                sender,
                new DesignHairline(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.designedAt()),
                        actor(body.practitionerId(), sender),
                        body.style(),
                        body.description(),
                        body.plannedZones(),
                        body.approvedByClient()));
    }

    @PostMapping(path = "/{clientId}/sessions", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Record a completed session with its work per zone",
            description =
                    "Judged by the clinic's policy in force at startedAt. Refused (422) without signed consent, a clear screening, "
                            + "a valid patch test with the lots' brand (and, after an allergic reaction naming a lot of that brand, "
                            + "a negative one applied since), usable lots, the minimum days since the last session, in a completed "
                            + "course, or when a zone would pass an over-layering limit (density ceiling, sessions per course, "
                            + "density added in one session, space between healed dot edges) without an override reason.")
    ResponseEntity<Map<String, Object>> session(
            @PathVariable String clientId, @Valid @RequestBody Session body, @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "sessionId",
                "sessions",
                body,
                sender,
                new CompleteSession(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        body.startedAt(),
                        body.endedAt(),
                        actor(body.practitionerId(), sender),
                        body.zoneWork().stream().map(ZoneWork::toZoneWork).toList(),
                        body.override() == null ? null : body.override().reason(),
                        body.override() == null ? null : actor(body.override().approvedBy(), sender),
                        body.notes()));
    }

    @PostMapping(path = "/{clientId}/aftercare", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Record the aftercare given after a session (clinic defaults when no instructions are sent)")
    ResponseEntity<Map<String, Object>> aftercare(
            @PathVariable String clientId,
            @Valid @RequestBody Aftercare body,
            @Parameter(hidden = true) Sender sender) {
        List<AftercareIssued.Instruction> instructions = body.instructions() == null
                ? null
                : body.instructions().stream()
                        .map(i -> new AftercareIssued.Instruction(i.restriction(), i.days()))
                        .toList();
        return send(
                clientId,
                "aftercareId",
                "aftercare",
                body,
                sender,
                new IssueAftercare(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        body.sessionId(),
                        dispatch.orNow(body.issuedAt()),
                        actor(body.issuedBy(), sender),
                        instructions,
                        body.writtenCopyGiven()));
    }

    @PostMapping(path = "/{clientId}/treatment-plans", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Record the plan for the current course: sessions, target density per zone and its factors",
            description =
                    "The course's levels are judged against its latest plan. Refused (422) with a target above the "
                            + "clinic's density ceiling, more sessions than a course allows, or a completed course.")
    ResponseEntity<Map<String, Object>> plan(
            @PathVariable String clientId, @Valid @RequestBody Plan body, @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "planId",
                "treatment-plans",
                body,
                sender,
                new PlanTreatment(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.plannedAt()),
                        actor(body.practitionerId(), sender),
                        body.plannedSessions(),
                        body.targets().stream()
                                .map(t -> new TreatmentPlanned.ZoneTarget(t.zone(), t.targetDensity()))
                                .toList(),
                        body.factors() == null
                                ? List.of()
                                : body.factors().stream()
                                        .map(f -> new TreatmentPlanned.Factor(f.kind(), f.note()))
                                        .toList(),
                        body.notes()));
    }

    @PostMapping(path = "/{clientId}/course-completions", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Close the current course (a touch-up opens the next)",
            description = "Refused (422) for a course without sessions; 409 when it is already completed.")
    ResponseEntity<Map<String, Object>> courseCompletion(
            @PathVariable String clientId,
            @Valid @RequestBody CourseCompletion body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "completionId",
                "course-completions",
                body,
                sender,
                new CompleteCourse(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.completedAt()),
                        actor(body.completedBy(), sender),
                        body.notes()));
    }

    @PostMapping(path = "/{clientId}/adverse-reactions/{reactionId}/authority-reports", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Mark an adverse reaction as reported to the clinic's authority",
            description = "The clinic overview stops showing its reporting deadline. 409 when already reported.")
    ResponseEntity<Map<String, Object>> authorityReport(
            @PathVariable String clientId,
            @PathVariable String reactionId,
            @Valid @RequestBody AuthorityReport body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "reportId",
                "adverse-reactions/" + reactionId + "/authority-reports",
                body,
                sender,
                new ReportReactionToAuthority(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        reactionId,
                        dispatch.orNow(body.reportedAt()),
                        body.authority(),
                        body.reference(),
                        actor(body.reportedBy(), sender)));
    }

    @PostMapping(path = "/{clientId}/healing-assessments", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Record a healing check of a session, with what each zone retained when measured",
            description =
                    "A zone's retainedFraction (share of the course's work still there) or observedDensity is counted "
                            + "as what is on the scalp; without either, nothing is taken as lost.")
    ResponseEntity<Map<String, Object>> healing(
            @PathVariable String clientId,
            @Valid @RequestBody HealingAssessment body,
            @Parameter(hidden = true) Sender sender) {
        List<HealingAssessed.ZoneObservation> observations = body.observations() == null
                ? List.of()
                : body.observations().stream()
                        .map(TreatmentRequests.Observation::toObservation)
                        .toList();
        return send(
                clientId,
                "assessmentId",
                "healing-assessments",
                body,
                sender,
                new AssessHealing(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        body.sessionId(),
                        dispatch.orNow(body.assessedAt()),
                        actor(body.practitionerId(), sender),
                        body.outcome(),
                        observations,
                        body.notes()));
    }

    @PostMapping(path = "/{clientId}/adverse-reactions", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Report an adverse reaction with the lots involved")
    ResponseEntity<Map<String, Object>> adverseReaction(
            @PathVariable String clientId,
            @Valid @RequestBody AdverseReaction body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "reactionId",
                "adverse-reactions",
                body,
                sender,
                new ReportAdverseReaction(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.observedAt()),
                        actor(body.reportedBy(), sender),
                        body.kind(),
                        body.severity(),
                        body.lotIds(),
                        body.description(),
                        body.authorityReference()));
    }

    @PostMapping(path = "/{clientId}/touch-up-requests", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(summary = "Request a touch-up (opens a new course)")
    ResponseEntity<Map<String, Object>> touchUp(
            @PathVariable String clientId, @Valid @RequestBody TouchUp body, @Parameter(hidden = true) Sender sender) {
        List<TouchUpRequested.RetainedDensity> retained = body.retainedDensity() == null
                ? List.of()
                : body.retainedDensity().stream()
                        .map(r -> new TouchUpRequested.RetainedDensity(r.zone(), r.fraction()))
                        .toList();
        return send(
                clientId,
                "touchUpId",
                "touch-up-requests",
                body,
                sender,
                new RequestTouchUp(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        dispatch.orNow(body.requestedAt()),
                        body.reason(),
                        body.zones(),
                        actor(body.requestedBy(), sender),
                        retained,
                        body.notes()));
    }

    @PostMapping(path = "/{clientId}/corrections", consumes = "application/json")
    @Admits(Role.PRACTITIONER)
    @Operation(
            summary = "Correct an earlier event, naming it and why",
            description =
                    "Name the event by its eventId (or the record id the API returned, e.g. a sessionId). Personal details are "
                            + "corrected by naming the registration (its eventId or the clientId) and giving personalDetails in full.")
    ResponseEntity<Map<String, Object>> correction(
            @PathVariable String clientId,
            @Valid @RequestBody Correction body,
            @Parameter(hidden = true) Sender sender) {
        return send(
                clientId,
                "correctionId",
                "corrections",
                body,
                sender,
                new CorrectRecord(
                        clientId,
                        sender.expectedVersion(),
                        newId(),
                        body.correctedEventId(),
                        body.reason(),
                        body.changes(),
                        body.voided(),
                        body.personalDetails() == null
                                ? null
                                : body.personalDetails().toDetails()));
    }

    private ResponseEntity<Map<String, Object>> send(
            String clientId, String recordKey, String collection, Object body, Sender sender, Object command) {
        Recorded recorded = dispatch.send(command, sender, body);
        return CommandDispatch.created(
                recorded,
                "clientId",
                recordKey,
                "/api/clients/" + clientId + "/" + collection + "/" + recorded.recordId());
    }

    private static String actor(String given, Sender sender) {
        return given != null && !given.isBlank() ? given : sender.actorId();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
