package org.smpledger.domain.treatment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.smpledger.domain.recording.RuleViolation.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.smpledger.density.DensityMeasures;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.domain.lot.LotFacts;
import org.smpledger.domain.lot.PigmentLots;
import org.smpledger.domain.policy.ClinicPolicies;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.domain.policy.PatchTestPolicy.AllergicReaction;
import org.smpledger.domain.policy.PolicyInForce;
import org.smpledger.domain.policy.RetentionPolicy;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RequestMetaData;
import org.smpledger.domain.recording.RuleViolation;
import org.smpledger.domain.recording.StreamBookkeeping;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.AftercareIssued.Instruction;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.CorrectedHistory;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PatchTestRecorded.Result;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * One client's whole course of treatment, one event stream. Every command is first admitted
 * (clinic, Idempotency-Key replay, expected version), then checked against the rules the clinic
 * had in force at the time the command speaks of ({@link ClinicPolicies}), then recorded as
 * exactly one event. Times come with the commands; nothing here reads a clock.
 */
public class TreatmentRecord {

    private static final String STREAM = "client";

    private record Stored(String eventId, TreatmentRecordEvent event) {}

    @AggregateIdentifier
    private String clientId;

    private final StreamBookkeeping stream = new StreamBookkeeping();
    private final Map<String, Stored> byEventId = new HashMap<>();
    private final Map<String, String> eventIdByRecordId = new HashMap<>();
    /** Every event as recorded, in stream order: what the density ledger folds, corrections included. */
    private final List<Stored> history = new ArrayList<>();
    /** Every event as its corrections leave it: what the rules read. */
    private final CorrectedHistory corrected = new CorrectedHistory();
    /** The id names a pigment lot's stream, not a client's: nothing here may be recorded on it. */
    private boolean lotStream;

    private String clinicId;
    /** What the retention period counts from: the latest session, patch test or consultation, else the registration. */
    private Instant lastTreatmentAt;
    /** The client's personal data is erased: no personal value may be recorded any more. */
    private boolean erased;

    protected TreatmentRecord() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RegisterClient command, MetaData metaData) {
        if (lotStream) {
            throw RuleViolation.conflict(
                    "client-id-in-use",
                    "The id %s belongs to a pigment lot.".formatted(command.clientId()),
                    numbers("clientId", command.clientId()));
        }
        if (clientId != null) {
            Optional<Recorded> earlier = stream.admit(STREAM, command.clientId(), null, metaData);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw RuleViolation.conflict(
                    "client-already-registered",
                    "Client %s is already registered.".formatted(command.clientId()),
                    numbers("clientId", command.clientId()));
        }
        return record(
                new ClientRegistered(
                        command.clientId(), command.clinicId(), command.personalDetails(), command.registeredAt()),
                metaData);
    }

    @CommandHandler
    public Recorded handle(HoldConsultation c, MetaData metaData) {
        return admitted(
                c.expectedVersion(),
                metaData,
                () -> new ConsultationHeld(
                        clientId,
                        c.consultationId(),
                        c.heldAt(),
                        c.practitionerId(),
                        c.hairLoss(),
                        c.alopeciaType(),
                        c.skin(),
                        listOf(c.scars()),
                        c.goals()));
    }

    @CommandHandler
    public Recorded handle(ScreenContraindications c, MetaData metaData) {
        return admitted(
                c.expectedVersion(),
                metaData,
                () -> new ContraindicationScreened(
                        clientId, c.screeningId(), c.screenedAt(), c.practitionerId(), listOf(c.findings())));
    }

    @CommandHandler
    public Recorded handle(SignConsent c, MetaData metaData) {
        return admitted(
                c.expectedVersion(),
                metaData,
                () -> new ConsentSigned(
                        clientId, c.consentId(), c.signedAt(), c.formVersion(), c.documentRef(), c.witnessedBy()));
    }

    @CommandHandler
    public Recorded handle(RecordPatchTest c, MetaData metaData, ClinicPolicies policies, PigmentLots lots) {
        return admitted(c.expectedVersion(), metaData, () -> {
            ClinicPolicy policy = inForce(policies, metaData, c.appliedAt()).policy();
            if (c.readAt().isBefore(c.appliedAt())) {
                throw RuleViolation.refused(
                        "patch-test-read-before-applied",
                        "A patch test cannot be read before it is applied.",
                        numbers(
                                "appliedAt",
                                c.appliedAt().toString(),
                                "readAt",
                                c.readAt().toString()));
            }
            if (c.result() == Result.POSITIVE && blank(c.findings())) {
                throw RuleViolation.refused(
                        "patch-test-findings-required", "A positive patch test needs its findings.", numbers());
            }
            if (c.result() == Result.WAIVED && blank(c.waiverReason())) {
                throw RuleViolation.refused(
                        "patch-test-waiver-reason-required", "A waived patch test needs the reason.", numbers());
            }
            LotFacts lot = policy.lotUsability()
                    .check(c.lotId(), lots.find(c.lotId()), RequestMetaData.clinicId(metaData), c.appliedAt());
            return new PatchTestRecorded(
                    clientId,
                    c.patchTestId(),
                    lot.lotId(),
                    lot.brand(),
                    c.site(),
                    c.appliedAt(),
                    c.readAt(),
                    c.result(),
                    c.result() == Result.POSITIVE ? c.findings() : null,
                    c.result() == Result.WAIVED ? c.waiverReason() : null,
                    c.practitionerId());
        });
    }

    @CommandHandler
    public Recorded handle(DesignHairline c, MetaData metaData) {
        return admitted(
                c.expectedVersion(),
                metaData,
                () -> new HairlineDesigned(
                        clientId,
                        c.designId(),
                        c.designedAt(),
                        c.practitionerId(),
                        c.style(),
                        c.description(),
                        listOf(c.plannedZones()),
                        c.approvedByClient()));
    }

    @CommandHandler
    public Recorded handle(PlanTreatment c, MetaData metaData, ClinicPolicies policies) {
        return admitted(c.expectedVersion(), metaData, () -> {
            ClinicPolicy policy = inForce(policies, metaData, c.plannedAt()).policy();
            ZoneDensityLedger ledger = ledger(policy.measures());
            refuseWhenCompleted(ledger);
            policy.treatmentPlans().check(c.plannedSessions(), c.targets());
            return new TreatmentPlanned(
                    clientId,
                    c.planId(),
                    ledger.currentCourse(),
                    c.plannedAt(),
                    c.practitionerId(),
                    c.plannedSessions(),
                    List.copyOf(c.targets()),
                    listOf(c.factors()),
                    c.notes());
        });
    }

    @CommandHandler
    public Recorded handle(CompleteSession c, MetaData metaData, ClinicPolicies policies, PigmentLots lots) {
        return admitted(c.expectedVersion(), metaData, () -> {
            if (c.zoneWork() == null || c.zoneWork().isEmpty()) {
                throw RuleViolation.refused(
                        "session-without-zone-work",
                        "A session records the work done on at least one zone.",
                        numbers());
            }
            if (!c.endedAt().isAfter(c.startedAt())) {
                throw RuleViolation.refused(
                        "session-ends-before-start",
                        "A session ends after it starts.",
                        numbers(
                                "startedAt",
                                c.startedAt().toString(),
                                "endedAt",
                                c.endedAt().toString()));
            }
            PolicyInForce inForce = inForce(policies, metaData, c.startedAt());
            ClinicPolicy policy = inForce.policy();
            ZoneDensityLedger ledger = ledger(policy.measures());
            refuseWhenCompleted(ledger);
            policy.sessionReadiness()
                    .check(active(ConsentSigned.class), latest(ContraindicationScreened.class), c.startedAt());
            List<SessionCompleted> sessions = active(SessionCompleted.class);
            policy.sessionInterval()
                    .check(
                            sessions.stream().map(SessionCompleted::startedAt).max(Comparator.naturalOrder()),
                            c.startedAt());
            // A lot used on several zones is loaded (its whole stream) and checked once.
            Set<String> lotIds = new LinkedHashSet<>();
            c.zoneWork().forEach(work -> listOf(work.pigments()).forEach(use -> lotIds.add(use.lotId())));
            Set<String> brands = new LinkedHashSet<>();
            for (String lotId : lotIds) {
                brands.add(policy.lotUsability()
                        .check(lotId, lots.find(lotId), RequestMetaData.clinicId(metaData), c.startedAt())
                        .brand());
            }
            policy.patchTests().check(active(PatchTestRecorded.class), allergicReactions(lots), brands, c.startedAt());
            Set<ScalpZone> zones = EnumSet.noneOf(ScalpZone.class);
            c.zoneWork().forEach(work -> zones.add(work.zone()));
            policy.scarHealing().check(latest(ConsultationHeld.class), zones, c.startedAt());

            SessionCompleted.Override override = policy.overLayeringGuard()
                    .check(ledger, c.zoneWork(), c.overrideReason(), c.overrideApprovedBy())
                    .orElse(null);
            int course = ledger.currentCourse();
            int sessionNumber = 1
                    + (int) sessions.stream().filter(s -> s.course() == course).count();
            return new SessionCompleted(
                    clientId,
                    c.sessionId(),
                    course,
                    sessionNumber,
                    c.startedAt(),
                    c.endedAt(),
                    c.practitionerId(),
                    List.copyOf(c.zoneWork()),
                    override,
                    c.notes(),
                    inForce.version());
        });
    }

    @CommandHandler
    public Recorded handle(IssueAftercare c, MetaData metaData, ClinicPolicies policies) {
        return admitted(c.expectedVersion(), metaData, () -> {
            requireSession(c.sessionId());
            ClinicPolicy policy = inForce(policies, metaData, c.issuedAt()).policy();
            List<Instruction> instructions =
                    c.instructions() == null || c.instructions().isEmpty()
                            ? policy.aftercareDays().entrySet().stream()
                                    .sorted(Map.Entry.comparingByKey())
                                    .map(e -> new Instruction(e.getKey(), e.getValue()))
                                    .toList()
                            : List.copyOf(c.instructions());
            return new AftercareIssued(
                    clientId,
                    c.aftercareId(),
                    c.sessionId(),
                    c.issuedAt(),
                    c.issuedBy(),
                    instructions,
                    c.writtenCopyGiven());
        });
    }

    @CommandHandler
    public Recorded handle(AssessHealing c, MetaData metaData) {
        return admitted(c.expectedVersion(), metaData, () -> {
            requireSession(c.sessionId());
            for (HealingAssessed.ZoneObservation seen : listOf(c.observations())) {
                checkRetention(seen);
            }
            return new HealingAssessed(
                    clientId,
                    c.assessmentId(),
                    c.sessionId(),
                    c.assessedAt(),
                    c.practitionerId(),
                    c.outcome(),
                    listOf(c.observations()),
                    c.notes());
        });
    }

    @CommandHandler
    public Recorded handle(ReportAdverseReaction c, MetaData metaData) {
        return admitted(
                c.expectedVersion(),
                metaData,
                () -> new AdverseReactionReported(
                        clientId,
                        c.reactionId(),
                        c.observedAt(),
                        c.reportedBy(),
                        c.kind(),
                        c.severity(),
                        listOf(c.lotIds()),
                        c.description(),
                        c.authorityReference()));
    }

    @CommandHandler
    public Recorded handle(ReportReactionToAuthority c, MetaData metaData) {
        return admitted(c.expectedVersion(), metaData, () -> {
            AdverseReactionReported reaction = active(AdverseReactionReported.class).stream()
                    .filter(r -> r.reactionId().equals(c.reactionId()))
                    .findFirst()
                    .orElseThrow(() -> RuleViolation.refused(
                            "reaction-unknown",
                            "This record has no adverse reaction %s.".formatted(c.reactionId()),
                            numbers("reactionId", c.reactionId())));
            boolean reported = reaction.authorityReference() != null
                    || active(ReactionReportedToAuthority.class).stream()
                            .anyMatch(r -> c.reactionId().equals(r.reactionId()));
            if (reported) {
                throw RuleViolation.conflict(
                        "reaction-already-reported",
                        "Adverse reaction %s is already marked reported.".formatted(c.reactionId()),
                        numbers("reactionId", c.reactionId()));
            }
            if (c.reportedAt().isBefore(reaction.observedAt())) {
                throw RuleViolation.refused(
                        "reported-before-observed",
                        "A reaction is reported after it was observed (%s).".formatted(reaction.observedAt()),
                        numbers(
                                "observedAt",
                                reaction.observedAt().toString(),
                                "reportedAt",
                                c.reportedAt().toString()));
            }
            return new ReactionReportedToAuthority(
                    clientId,
                    c.reportId(),
                    c.reactionId(),
                    c.reportedAt(),
                    c.authority(),
                    c.reference(),
                    c.reportedBy());
        });
    }

    @CommandHandler
    public Recorded handle(CompleteCourse c, MetaData metaData) {
        return admitted(c.expectedVersion(), metaData, () -> {
            ZoneDensityLedger ledger = ledger(DensityMeasures.DEFAULT);
            int course = ledger.currentCourse();
            if (ledger.completion().isPresent()) {
                throw RuleViolation.conflict(
                        "course-already-completed",
                        "Course %d is already completed.".formatted(course),
                        numbers("course", course));
            }
            if (active(SessionCompleted.class).stream().noneMatch(s -> s.course() == course)) {
                throw RuleViolation.refused(
                        "course-without-sessions",
                        "Course %d has no session to complete it with.".formatted(course),
                        numbers("course", course));
            }
            return new CourseCompleted(clientId, c.completionId(), course, c.completedAt(), c.completedBy(), c.notes());
        });
    }

    @CommandHandler
    public Recorded handle(RequestTouchUp c, MetaData metaData) {
        return admitted(c.expectedVersion(), metaData, () -> {
            if (active(SessionCompleted.class).isEmpty()) {
                throw RuleViolation.refused(
                        "touch-up-before-any-session",
                        "There is nothing to touch up: no session is on record.",
                        numbers());
            }
            return new TouchUpRequested(
                    clientId,
                    c.touchUpId(),
                    c.requestedAt(),
                    c.reason(),
                    listOf(c.zones()),
                    c.requestedBy(),
                    listOf(c.retainedDensity()),
                    c.notes());
        });
    }

    @CommandHandler
    public Recorded handle(CorrectRecord c, MetaData metaData) {
        return admitted(c.expectedVersion(), metaData, () -> {
            String targetId = byEventId.containsKey(c.correctedEventId())
                    ? c.correctedEventId()
                    : eventIdByRecordId.get(c.correctedEventId());
            if (targetId == null) {
                throw RuleViolation.refused(
                        "corrected-event-unknown",
                        "This record has no event %s to correct.".formatted(c.correctedEventId()),
                        numbers("correctedEventId", c.correctedEventId()));
            }
            TreatmentRecordEvent target = byEventId.get(targetId).event();
            HowCorrected how = HowCorrected.of(target);
            if (how == HowCorrected.BY_PERSONAL_DETAILS) {
                if (c.personalDetails() == null) {
                    throw RuleViolation.refused(
                            "personal-details-required",
                            "Personal details are corrected by giving them in full.",
                            numbers("correctedEventId", targetId));
                }
                return new ClientDetailsCorrected(clientId, c.personalDetails(), c.reason());
            }
            if (c.personalDetails() != null) {
                throw RuleViolation.refused(
                        "personal-details-only-on-registration",
                        "Personal details belong to the registration only; this event is a %s."
                                .formatted(typeOf(target)),
                        numbers("correctedEventId", targetId, "correctedEventType", typeOf(target)));
            }
            if (how == HowCorrected.NOT_CORRECTABLE) {
                throw RuleViolation.refused(
                        "correction-not-correctable",
                        "A correction is not corrected; correct the original event again instead.",
                        numbers("correctedEventId", targetId));
            }
            if (corrected.voided(targetId)) {
                throw RuleViolation.conflict(
                        "event-already-voided",
                        "Event %s is already voided.".formatted(targetId),
                        numbers("correctedEventId", targetId));
            }
            if (!c.voided() && (c.changes() == null || c.changes().isEmpty())) {
                throw RuleViolation.refused(
                        "correction-empty", "A correction voids the event or names at least one change.", numbers());
            }
            Map<String, String> changes =
                    CorrectionChanges.checked(corrected.event(targetId).orElse(target), c.changes());
            return new RecordCorrected(
                    clientId, c.correctionId(), targetId, typeOf(target), c.reason(), changes, c.voided());
        });
    }

    @CommandHandler
    public Recorded handle(ErasePersonalData c, MetaData metaData, RetentionPolicy retention) {
        return admitted(c.expectedVersion(), metaData, () -> {
            if (erased) {
                throw RuleViolation.conflict(
                        "personal-data-already-erased",
                        "The personal data of client %s is already erased.".formatted(clientId),
                        numbers("clientId", clientId));
            }
            RetentionPolicy.Rule rule = retention.ruleFor(clinicId);
            LocalDate erasableFrom = rule.erasableFrom(lastTreatmentAt, retention.timeZone());
            LocalDate today = LocalDate.ofInstant(c.requestedAt(), retention.timeZone());
            ClientPersonalDataErased.RetentionOverride override = null;
            if (today.isBefore(erasableFrom)) {
                if (blank(c.overrideLegalBasis())) {
                    throw RuleViolation.refused(
                            "retention-period",
                            ("The record must be kept until %s under retention rule %s (%s: %d years after the last"
                                            + " treatment); erasure is possible from then, or now with the legal basis that"
                                            + " overrides it.")
                                    .formatted(erasableFrom.minusDays(1), rule.id(), rule.basis(), rule.years()),
                            numbers(
                                    "retentionRule",
                                    rule.id(),
                                    "erasableFrom",
                                    erasableFrom.toString(),
                                    "lastTreatmentAt",
                                    lastTreatmentAt.toString()));
                }
                override = new ClientPersonalDataErased.RetentionOverride(
                        rule.id(), erasableFrom, c.overrideLegalBasis().strip());
            }
            return new ClientPersonalDataErased(
                    clientId,
                    c.erasureId(),
                    c.requestedAt(),
                    c.reason(),
                    c.legalBasis().strip(),
                    override,
                    c.requestedBy());
        });
    }

    private Recorded admitted(Long expectedVersion, MetaData metaData, Supplier<TreatmentRecordEvent> decision) {
        if (lotStream) {
            throw RuleViolation.notFound(
                    "client-not-found", "No client " + clientId + " in this clinic.", numbers("id", clientId));
        }
        Optional<Recorded> earlier = stream.admit(STREAM, clientId, expectedVersion, metaData);
        return earlier.orElseGet(() -> record(decision.get(), metaData));
    }

    private Recorded record(TreatmentRecordEvent event, MetaData command) {
        if (erased && EventCatalog.describe(event).holdsPersonalData(event)) {
            throw RuleViolation.refused(
                    "personal-data-erased",
                    "The personal data of this client is erased: notes, descriptions, details and reasons can no"
                            + " longer be recorded for it (leave notes and descriptions out; a correction or an"
                            + " override, whose reason is personal data, cannot be recorded any more).",
                    numbers(
                            "fields",
                            String.join(", ", EventCatalog.describe(event).personalFields())));
        }
        apply(event, RequestMetaData.idempotencyOf(command));
        return stream.last();
    }

    private void requireSession(String sessionId) {
        if (active(SessionCompleted.class).stream().noneMatch(s -> s.sessionId().equals(sessionId))) {
            throw RuleViolation.refused(
                    "session-unknown",
                    "This record has no session %s.".formatted(sessionId),
                    numbers("sessionId", sessionId));
        }
    }

    /** Events of a type that still count (not voided), as their corrections leave them. */
    private <E extends TreatmentRecordEvent> List<E> active(Class<E> type) {
        return corrected.events(type);
    }

    private <E extends TreatmentRecordEvent> Optional<E> latest(Class<E> type) {
        List<E> all = active(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The record's density, plans and courses; course numbers and completions do not depend on the measures. */
    private ZoneDensityLedger ledger(DensityMeasures measures) {
        ZoneDensityLedger ledger = ZoneDensityLedger.empty(measures);
        for (Stored stored : history) {
            ledger = ledger.after(stored.eventId(), stored.event());
        }
        return ledger;
    }

    /** The policy of the record's clinic (the sender's, before the registration named one) in force at {@code at}. */
    private PolicyInForce inForce(ClinicPolicies policies, MetaData metaData, Instant at) {
        String clinic = stream.clinicId() != null ? stream.clinicId() : RequestMetaData.clinicId(metaData);
        return policies.inForceAt(clinic, at);
    }

    private static void refuseWhenCompleted(ZoneDensityLedger ledger) {
        ledger.completion().ifPresent(done -> {
            throw RuleViolation.refused(
                    "course-completed",
                    "Course %d was completed on %s; request a touch-up to open the next course."
                            .formatted(done.course(), done.completedAt()),
                    numbers("course", done.course(), "completedAt", String.valueOf(done.completedAt())));
        });
    }

    /** Allergic reactions naming a lot, with the lot's brand (a lot the clinic does not know bars nothing). */
    private List<AllergicReaction> allergicReactions(PigmentLots lots) {
        List<AllergicReaction> reactions = new ArrayList<>();
        for (AdverseReactionReported reaction : active(AdverseReactionReported.class)) {
            if (reaction.kind() != AdverseReactionReported.Kind.ALLERGIC || reaction.observedAt() == null) {
                continue;
            }
            for (String lotId : listOf(reaction.lotIds())) {
                lots.find(lotId)
                        .ifPresent(lot -> reactions.add(new AllergicReaction(
                                reaction.reactionId(), lotId, lot.brand(), reaction.observedAt())));
            }
        }
        return reactions;
    }

    private static void checkRetention(HealingAssessed.ZoneObservation seen) {
        if (seen == null) {
            return;
        }
        Double share = seen.retainedFraction();
        Double density = seen.observedDensity();
        if (share != null && density != null) {
            throw RuleViolation.refused(
                    "retained-density-invalid",
                    "An observation gives what was retained as a share of the course's work or as a density, not both.",
                    numbers("zone", String.valueOf(seen.zone())));
        }
        if (share != null && !(share >= 0 && share <= 1)
                || density != null && !(density >= 0 && Double.isFinite(density))) {
            throw RuleViolation.refused(
                    "retained-density-invalid",
                    "A retained share is from 0 to 1 and an observed density is 0 or more.",
                    numbers(
                            "zone",
                            String.valueOf(seen.zone()),
                            "retainedFraction",
                            String.valueOf(share),
                            "observedDensity",
                            String.valueOf(density)));
        }
    }

    @EventSourcingHandler
    void on(
            TreatmentRecordEvent event,
            @SequenceNumber long sequenceNumber,
            @MessageIdentifier String eventId,
            MetaData metaData) {
        String recordId = EventCatalog.describe(event).recordIdOf(event);
        stream.track(event.clientId(), typeOf(event), eventId, recordId, sequenceNumber, metaData);
        Stored stored = new Stored(eventId, event);
        history.add(stored);
        corrected.add(eventId, event);
        byEventId.put(eventId, stored);
        if (event instanceof ClientRegistered registered) {
            clientId = registered.clientId();
            clinicId = registered.clinicId();
            stream.ownedBy(registered.clinicId());
        } else if (event instanceof ClientPersonalDataErased) {
            erased = true;
        }
        lastTreatmentAt = RetentionPolicy.lastTreatment(lastTreatmentAt, event);
        eventIdByRecordId.putIfAbsent(recordId, eventId);
    }

    @EventSourcingHandler
    void on(PigmentLotEvent event) {
        clientId = event.lotId();
        lotStream = true;
    }

    private static String typeOf(TreatmentRecordEvent event) {
        return SmpEvent.typeOf(event.getClass()).name();
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
