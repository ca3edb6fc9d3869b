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
import org.smpledger.app.http.RequestHeaders;
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
 * Optional demo clinic ({@code smp.demo-data=true}): one pigment lot and five clients, one with a
 * finished, planned three-session course, one mid-course, one whose crown went past the limits on
 * override and later asked for a touch-up, one who needed a fourth session after recorded fading,
 * and one with an allergic reaction still to report; the clinic adopts its own policy. Every
 * command carries a fixed Idempotency-Key (numbered in order: new commands are only ever appended),
 * so starting again with the flag on stores nothing twice.
 */
@Component
@ConditionalOnProperty(name = "smp.demo-data", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String CLINIC = "demo-clinic";
    private static final String PRACTITIONER = "demo-practitioner";
    private static final String LOT = "demo-lot-dark-ash";

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
        send(new ReceivePigmentLot(
                LOT,
                CLINIC,
                "Demo Pigments",
                "dark ash",
                "B-2026-117",
                LocalDate.ofInstant(start, ZoneOffset.UTC).plusYears(3),
                true,
                start,
                "demo-reception"));
        course("demo-client-finished", "Alex Demo", 3, 0.3, null);
        course("demo-client-midway", "Sam Demo", 2, 0.35, null);
        course("demo-client-crowded", "Robin Demo", 5, 0.3, "scar tissue on the crown absorbed pigment");
        send(new RequestTouchUp(
                "demo-client-crowded",
                null,
                "demo-touch-up",
                day(190),
                TouchUpRequested.Reason.FADING,
                List.of(ScalpZone.CROWN),
                PRACTITIONER,
                List.of(new TouchUpRequested.RetainedDensity(ScalpZone.CROWN, 0.8)),
                "colour faded"));
        plan("demo-client-finished", 3, 0.9, 0.9);
        plan("demo-client-midway", 3, 1.0, 0.9);
        send(new CompleteCourse(
                "demo-client-finished", null, "demo-client-finished-course-1", day(60), PRACTITIONER, null));
        course("demo-client-faded", "Kim Demo", 3, 0.3, null);
        plan("demo-client-faded", 3, 0.9, 0.9);
        send(new AssessHealing(
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
        session("demo-client-faded", 4, day(90), 0.2, 0.0, null);
        course("demo-client-reaction", "Jo Demo", 1, 0.3, null);
        send(new ReportAdverseReaction(
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
        send(new AdoptClinicPolicy(
                CLINIC,
                null,
                today,
                "demo-admin",
                today,
                policies.deploymentDefault().rules().withSessions(new ClinicRules.Sessions(10, 4)),
                "ten days between sessions suit our clients' healing"));
        log.info(
                "Demo data in place: clinic '{}' (send {}: {}), lot {}, clients demo-client-finished, "
                        + "demo-client-midway, demo-client-crowded, demo-client-faded, demo-client-reaction",
                CLINIC,
                RequestHeaders.CLINIC_ID,
                CLINIC,
                LOT);
    }

    private void course(String clientId, String name, int sessions, double crownDose, String overrideReason) {
        send(new RegisterClient(
                clientId, CLINIC, new PersonalDetails(name, LocalDate.of(1985, 3, 14), null, null), day(1)));
        send(new HoldConsultation(
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
        send(new ScreenContraindications(clientId, null, clientId + "-screening", day(1), PRACTITIONER, List.of()));
        send(new SignConsent(
                clientId,
                null,
                clientId + "-consent",
                day(1),
                "2026-01",
                "consent/" + clientId + ".pdf",
                "demo-reception"));
        send(new RecordPatchTest(
                clientId,
                null,
                clientId + "-patch",
                LOT,
                "behind the ear",
                day(1),
                day(3),
                PatchTestRecorded.Result.NEGATIVE,
                null,
                null,
                PRACTITIONER));
        for (int n = 1; n <= sessions; n++) {
            session(clientId, n, day(10 + (n - 1) * 14), crownDose, 0.3, n > 3 ? overrideReason : null);
        }
    }

    private void session(String clientId, int n, Instant at, double crownDose, double hairlineDose, String override) {
        String sessionId = clientId + "-session-" + n;
        List<ZoneWork> work = new java.util.ArrayList<>();
        work.add(new ZoneWork(ScalpZone.CROWN, crownDose, null, 3, 0.25, 0.8, List.of(new PigmentUse(LOT, 20)), null));
        if (hairlineDose > 0) {
            work.add(new ZoneWork(
                    ScalpZone.HAIRLINE, hairlineDose, null, 1, 0.18, 0.6, List.of(new PigmentUse(LOT, 25)), null));
        }
        send(new CompleteSession(
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
        send(new IssueAftercare(
                clientId,
                null,
                sessionId + "-aftercare",
                sessionId,
                at.plus(Duration.ofHours(3)),
                PRACTITIONER,
                null,
                true));
    }

    private void plan(String clientId, int sessions, double crownTarget, double hairlineTarget) {
        send(new PlanTreatment(
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
                        new TreatmentPlanned.Factor(TreatmentPlanned.FactorKind.PIGMENT_SHADE, "dark ash 20:1")),
                null));
    }

    private Instant day(int n) {
        return start.plus(Duration.ofDays(n));
    }

    private void send(Object command) {
        step++;
        MetaData metaData = MetaData.with(EventMetadata.CLINIC_ID, CLINIC)
                .and(EventMetadata.ACTOR_ID, "demo-seeder")
                .and(EventMetadata.ACTOR_ROLE, "clinic-admin")
                .and(EventMetadata.CORRELATION_ID, "demo-data")
                .and(EventMetadata.IDEMPOTENCY_KEY, "demo-" + step)
                .and(EventMetadata.REQUEST_FINGERPRINT, "demo-" + step);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
