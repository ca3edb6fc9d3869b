package org.smpledger.app.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.app.domain.ClinicPolicyStreams;
import org.smpledger.domain.clinic.AdoptClinicPolicy;
import org.smpledger.domain.lot.ReceivePigmentLot;
import org.smpledger.domain.treatment.AssessHealing;
import org.smpledger.domain.treatment.CompleteCourse;
import org.smpledger.domain.treatment.CompleteSession;
import org.smpledger.domain.treatment.HoldConsultation;
import org.smpledger.domain.treatment.IssueAftercare;
import org.smpledger.domain.treatment.PlanTreatment;
import org.smpledger.domain.treatment.RecordPatchTest;
import org.smpledger.domain.treatment.RegisterClient;
import org.smpledger.domain.treatment.ReportAdverseReaction;
import org.smpledger.domain.treatment.RequestTouchUp;
import org.smpledger.domain.treatment.ScreenContraindications;
import org.smpledger.domain.treatment.SignConsent;
import org.smpledger.events.EventMetadata;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted.PigmentUse;
import org.smpledger.events.treatment.SessionCompleted.ZoneWork;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Optional demo data ({@code smp.demo-data=true}): a demo clinic with one pigment lot and five
 * clients, one with a finished, planned three-session course, one mid-course, one whose crown went
 * past the limits on override and later asked for a touch-up, one who needed a fourth session after
 * recorded fading, and one with an allergic reaction still to report; the demo clinic adopts its own
 * policy. A second demo clinic has a lot and one client of its own, so that clinic isolation can be
 * tried with the demo users of both (docs/security.md). Every command carries a fixed
 * Idempotency-Key (numbered in order: new commands are only ever appended), so starting again with
 * the flag on stores nothing twice.
 */
@Component
@ConditionalOnProperty(name = "smp.demo-data", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String CLINIC = "demo-clinic";
    static final String SECOND_CLINIC = "demo-clinic-2";
    private static final String PRACTITIONER = "demo-practitioner";
    private static final String LOT = "demo-lot-dark-ash";
    private static final String SECOND_LOT = "demo2-lot-soft-black";

    private final CommandGateway commands;
    private final ClinicPolicyStreams policies;
    private final Instant today;
    private final Instant start;
    private int step;

    DemoData(CommandGateway commands, ClinicPolicyStreams policies, Clock clock) {
        this.commands = commands;
        this.policies = policies;
        this.today = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.start = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(200));
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        send(
                CLINIC,
                new ReceivePigmentLot(
                        LOT,
                        CLINIC,
                        "Demo Pigments",
                        "dark ash",
                        "B-2026-117",
                        LocalDate.ofInstant(start, ZoneOffset.UTC).plusYears(3),
                        true,
                        start,
                        "demo-reception"));
        course(CLINIC, LOT, "demo-client-finished", "Alex Demo", 3, 0.3, null);
        course(CLINIC, LOT, "demo-client-midway", "Sam Demo", 2, 0.35, null);
        course(CLINIC, LOT, "demo-client-crowded", "Robin Demo", 5, 0.3, "scar tissue on the crown absorbed pigment");
        send(
                CLINIC,
                new RequestTouchUp(
                        "demo-client-crowded",
                        null,
                        "demo-touch-up",
                        day(190),
                        TouchUpRequested.Reason.FADING,
                        List.of(ScalpZone.CROWN),
                        PRACTITIONER,
                        List.of(new TouchUpRequested.RetainedDensity(ScalpZone.CROWN, 0.8)),
                        "colour faded"));
        send(
                SECOND_CLINIC,
                new ReceivePigmentLot(
                        SECOND_LOT,
                        SECOND_CLINIC,
                        "Demo Pigments",
                        "soft black",
                        "B-2026-203",
                        LocalDate.ofInstant(start, ZoneOffset.UTC).plusYears(3),
                        true,
                        start,
                        "demo2-reception"));
        course(SECOND_CLINIC, SECOND_LOT, "demo2-client-kai", "Kai Demo", 2, 0.3, null);
        plan(CLINIC, "demo-client-finished", 3, 0.9, 0.9);
        plan(CLINIC, "demo-client-midway", 3, 1.0, 0.9);
        send(
                CLINIC,
                new CompleteCourse(
                        "demo-client-finished", null, "demo-client-finished-course-1", day(60), PRACTITIONER, null));
        course(CLINIC, LOT, "demo-client-faded", "Kim Demo", 3, 0.3, null);
        plan(CLINIC, "demo-client-faded", 3, 0.9, 0.9);
        send(
                CLINIC,
                new AssessHealing(
                        "demo-client-faded",
                        null,
                        "demo-client-faded-healing",
                        "demo-client-faded-session-3",
                        day(80),
                        PRACTITIONER,
                        HealingAssessed.Outcome.AS_EXPECTED,
                        List.of(new HealingAssessed.ZoneObservation(
                                ScalpZone.CROWN, HealingAssessed.Observation.FADING, 0.75, null)),
                        "crown lighter than the hairline"));
        session(CLINIC, LOT, "demo-client-faded", 4, day(90), 0.2, 0.0, null);
        course(CLINIC, LOT, "demo-client-reaction", "Jo Demo", 1, 0.3, null);
        send(
                CLINIC,
                new ReportAdverseReaction(
                        "demo-client-reaction",
                        null,
                        "demo-client-reaction-allergy",
                        today.minus(Duration.ofDays(1)),
                        PRACTITIONER,
                        AdverseReactionReported.Kind.ALLERGIC,
                        AdverseReactionReported.Severity.MILD,
                        List.of(LOT),
                        "itching and raised dots on the crown",
                        null));
        send(
                CLINIC,
                new AdoptClinicPolicy(
                        CLINIC,
                        null,
                        today,
                        "demo-admin",
                        today,
                        policies.deploymentDefault().rules().withSessions(new ClinicRules.Sessions(10, 4)),
                        "ten days between sessions suit our clients' healing"));
        log.info(
                "Demo data in place: clinic '{}' (lot {}, clients demo-client-finished, demo-client-midway, "
                        + "demo-client-crowded, demo-client-faded, demo-client-reaction) "
                        + "and clinic '{}' (lot {}, client demo2-client-kai); "
                        + "sign in as demo-practitioner (or demo-auditor, demo-analyst, demo-admin, demo2-...) "
                        + "with the demo password (docs/security.md)",
                CLINIC,
                LOT,
                SECOND_CLINIC,
                SECOND_LOT);
    }

    private void course(
            String clinic,
            String lot,
            String clientId,
            String name,
            int sessions,
            double crownDose,
            String overrideReason) {
        send(
                clinic,
                new RegisterClient(
                        clientId, clinic, new PersonalDetails(name, LocalDate.of(1985, 3, 14), null, null), day(1)));
        send(
                clinic,
                new HoldConsultation(
                        clientId,
                        null,
                        clientId + "-consultation",
                        day(1),
                        PRACTITIONER,
                        new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "V"),
                        ConsultationHeld.AlopeciaType.ANDROGENETIC,
                        new ConsultationHeld.SkinProfile(
                                ConsultationHeld.FitzpatrickType.III, ConsultationHeld.Undertone.NEUTRAL),
                        List.of(),
                        "a natural, shaved look"));
        send(
                clinic,
                new ScreenContraindications(clientId, null, clientId + "-screening", day(1), PRACTITIONER, List.of()));
        send(
                clinic,
                new SignConsent(
                        clientId,
                        null,
                        clientId + "-consent",
                        day(1),
                        "2026-01",
                        "consent/" + clientId + ".pdf",
                        "demo-reception"));
        send(
                clinic,
                new RecordPatchTest(
                        clientId,
                        null,
                        clientId + "-patch",
                        lot,
                        "behind the ear",
                        day(1),
                        day(3),
                        PatchTestRecorded.Result.NEGATIVE,
                        null,
                        null,
                        PRACTITIONER));
        for (int n = 1; n <= sessions; n++) {
            session(clinic, lot, clientId, n, day(10 + (n - 1) * 14), crownDose, 0.3, n > 3 ? overrideReason : null);
        }
    }

    private void session(
            String clinic,
            String lot,
            String clientId,
            int n,
            Instant at,
            double crownDose,
            double hairlineDose,
            String override) {
        String sessionId = clientId + "-session-" + n;
        List<ZoneWork> work = new java.util.ArrayList<>();
        work.add(new ZoneWork(ScalpZone.CROWN, crownDose, null, 3, 0.25, 0.8, List.of(new PigmentUse(lot, 20)), null));
        if (hairlineDose > 0) {
            work.add(new ZoneWork(
                    ScalpZone.HAIRLINE, hairlineDose, null, 1, 0.18, 0.6, List.of(new PigmentUse(lot, 25)), null));
        }
        send(
                clinic,
                new CompleteSession(
                        clientId,
                        null,
                        sessionId,
                        at,
                        at.plus(Duration.ofHours(3)),
                        PRACTITIONER,
                        work,
                        override,
                        override != null ? PRACTITIONER : null,
                        null));
        send(
                clinic,
                new IssueAftercare(
                        clientId,
                        null,
                        sessionId + "-aftercare",
                        sessionId,
                        at.plus(Duration.ofHours(3)),
                        PRACTITIONER,
                        null,
                        true));
    }

    private void plan(String clinic, String clientId, int sessions, double crownTarget, double hairlineTarget) {
        send(
                clinic,
                new PlanTreatment(
                        clientId,
                        null,
                        clientId + "-plan",
                        day(5),
                        PRACTITIONER,
                        sessions,
                        List.of(
                                new TreatmentPlanned.ZoneTarget(ScalpZone.CROWN, crownTarget),
                                new TreatmentPlanned.ZoneTarget(ScalpZone.HAIRLINE, hairlineTarget)),
                        List.of(
                                new TreatmentPlanned.Factor(TreatmentPlanned.FactorKind.SKIN_TYPE, "Fitzpatrick III"),
                                new TreatmentPlanned.Factor(
                                        TreatmentPlanned.FactorKind.PIGMENT_SHADE, "dark ash 20:1")),
                        null));
    }

    private Instant day(int n) {
        return start.plus(Duration.ofDays(n));
    }

    private void send(String clinic, Object command) {
        step++;
        MetaData metaData = MetaData.with(EventMetadata.CLINIC_ID, clinic)
                .and(EventMetadata.ACTOR_ID, "demo-seeder")
                .and(EventMetadata.ACTOR_ROLE, "clinic-admin")
                .and(EventMetadata.AUTHENTICATED_BY, "system")
                .and(EventMetadata.CORRELATION_ID, "demo-data")
                .and(EventMetadata.IDEMPOTENCY_KEY, "demo-" + step)
                .and(EventMetadata.REQUEST_FINGERPRINT, "demo-" + step);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
