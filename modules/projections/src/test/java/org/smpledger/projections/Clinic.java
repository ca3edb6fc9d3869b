package org.smpledger.projections;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicRules;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.PersonalDetails;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;

/** Terse builders for what a clinic records, in the order a course runs. */
public final class Clinic {

    public static final String PRACTITIONER = "practitioner-ana";
    public static final String RECEPTION = "reception-ben";

    private final RecordedEvents events;

    public Clinic(RecordedEvents events) {
        this.events = events;
    }

    public static Instant day(String isoDate) {
        return Instant.parse(isoDate + "T10:00:00Z");
    }

    public String registers(String clientId, Instant at) {
        return registersAt("clinic-north", clientId, at);
    }

    /** A client of another clinic: the registration names it, and so does its metadata. */
    public String registersAt(String clinicId, String clientId, Instant at) {
        return events.record(
                new ClientRegistered(
                        clientId,
                        clinicId,
                        new PersonalDetails("Sam Example", LocalDate.of(1985, 3, 14), "sam@example.org", null),
                        at),
                at,
                RECEPTION,
                clinicId);
    }

    public String consults(String clientId, Instant at) {
        return events.record(
                new ConsultationHeld(
                        clientId,
                        "cons-" + clientId,
                        at,
                        PRACTITIONER,
                        new ConsultationHeld.HairLossAssessment(ConsultationHeld.HairLossScale.NORWOOD, "V"),
                        ConsultationHeld.AlopeciaType.ANDROGENETIC,
                        new ConsultationHeld.SkinProfile(
                                ConsultationHeld.FitzpatrickType.III, ConsultationHeld.Undertone.NEUTRAL),
                        List.of(),
                        "natural shaved look"),
                at,
                PRACTITIONER);
    }

    public String signsConsent(String clientId, Instant at) {
        return events.record(
                new ConsentSigned(clientId, "consent-" + clientId, at, "v3", "doc://consent/" + clientId, RECEPTION),
                at,
                RECEPTION);
    }

    public String patchTests(String clientId, String lotId, Instant appliedAt) {
        return events.record(
                new PatchTestRecorded(
                        clientId,
                        "pt-" + clientId,
                        lotId,
                        "Inkline",
                        "behind left ear",
                        appliedAt,
                        appliedAt.plus(Duration.ofHours(48)),
                        PatchTestRecorded.Result.NEGATIVE,
                        null,
                        null,
                        PRACTITIONER),
                appliedAt.plus(Duration.ofHours(48)),
                PRACTITIONER);
    }

    public String receivesLot(String lotId, String batchNumber, Instant at) {
        return events.record(
                new PigmentLotReceived(
                        lotId,
                        "clinic-north",
                        "Inkline",
                        "Espresso 2",
                        batchNumber,
                        LocalDate.of(2028, 1, 1),
                        true,
                        at,
                        RECEPTION),
                at,
                RECEPTION);
    }

    public String recallsLot(String lotId, Instant at) {
        return events.record(
                new PigmentLotRecalled(lotId, "bacterial contamination", at, "clinic-admin", "FDA-2026-0042"),
                at,
                "clinic-admin");
    }

    public Session session(String clientId, String sessionId, int course, int number, Instant at) {
        return new Session(clientId, sessionId, course, number, at);
    }

    public String touchUp(String clientId, Instant at, Map<ScalpZone, Double> retained) {
        return events.record(
                new TouchUpRequested(
                        clientId,
                        "tu-" + at.getEpochSecond(),
                        at,
                        TouchUpRequested.Reason.FADING,
                        List.copyOf(retained.keySet()),
                        PRACTITIONER,
                        retained.entrySet().stream()
                                .map(e -> new TouchUpRequested.RetainedDensity(e.getKey(), e.getValue()))
                                .toList(),
                        null),
                at,
                PRACTITIONER);
    }

    public String plans(String clientId, int course, int sessions, Map<ScalpZone, Double> targets, Instant at) {
        return events.record(
                new TreatmentPlanned(
                        clientId,
                        "plan-" + clientId + "-" + at.getEpochSecond(),
                        course,
                        at,
                        PRACTITIONER,
                        sessions,
                        targets.entrySet().stream()
                                .map(e -> new TreatmentPlanned.ZoneTarget(e.getKey(), e.getValue()))
                                .toList(),
                        List.of(new TreatmentPlanned.Factor(TreatmentPlanned.FactorKind.SKIN_TYPE, "Fitzpatrick III")),
                        null),
                at,
                PRACTITIONER);
    }

    /** A healing check that found {@code retainedShare} of the course's work on the zone. */
    public String checksHealing(String clientId, String sessionId, ScalpZone zone, Double retainedShare, Instant at) {
        return events.record(
                new HealingAssessed(
                        clientId,
                        "ha-" + clientId + "-" + at.getEpochSecond(),
                        sessionId,
                        at,
                        PRACTITIONER,
                        HealingAssessed.Outcome.AS_EXPECTED,
                        List.of(new HealingAssessed.ZoneObservation(
                                zone, HealingAssessed.Observation.FADING, retainedShare, null)),
                        null),
                at,
                PRACTITIONER);
    }

    public String completesCourse(String clientId, int course, Instant at) {
        return events.record(
                new CourseCompleted(clientId, "cc-" + clientId + "-" + course, course, at, PRACTITIONER, null),
                at,
                PRACTITIONER);
    }

    public String reportsReaction(
            String clientId, String reactionId, AdverseReactionReported.Kind kind, String lotId, Instant at) {
        return events.record(
                new AdverseReactionReported(
                        clientId,
                        reactionId,
                        at,
                        PRACTITIONER,
                        kind,
                        AdverseReactionReported.Severity.MILD,
                        lotId == null ? List.of() : List.of(lotId),
                        "raised dots",
                        null),
                at,
                PRACTITIONER);
    }

    public String reportedToAuthority(String clientId, String reactionId, Instant at) {
        return events.record(
                new ReactionReportedToAuthority(
                        clientId, "rep-" + reactionId, reactionId, at, "Texas DSHS", "TX-1", PRACTITIONER),
                at,
                PRACTITIONER);
    }

    /** The clinic adopts {@code rules} as policy {@code version}, recorded and in force from {@code adoptedAt} unless later. */
    public String adoptsPolicy(
            String clinicId, int version, ClinicRules rules, Instant adoptedAt, Instant effectiveFrom) {
        return events.record(
                new ClinicPolicyAdopted(
                        clinicId,
                        ClinicPolicyAdopted.policyIdOf(clinicId, version),
                        version,
                        adoptedAt,
                        "admin-ann",
                        effectiveFrom,
                        rules,
                        "our own rules"),
                adoptedAt,
                "admin-ann",
                clinicId);
    }

    public String corrects(
            String clientId, String eventId, String type, String reason, Map<String, String> changes, Instant at) {
        return events.record(
                new RecordCorrected(clientId, "corr-" + at.getEpochSecond(), eventId, type, reason, changes, false),
                at,
                PRACTITIONER);
    }

    public String voids(String clientId, String eventId, String type, String reason, Instant at) {
        return events.record(
                new RecordCorrected(clientId, "void-" + at.getEpochSecond(), eventId, type, reason, null, true),
                at,
                PRACTITIONER);
    }

    /** A session being written up: zones with the density they got and the lots used. */
    public final class Session {
        private final String clientId;
        private final String sessionId;
        private final int course;
        private final int number;
        private final Instant at;
        private final Map<ScalpZone, SessionCompleted.ZoneWork> work = new LinkedHashMap<>();
        private SessionCompleted.Override override;

        private Session(String clientId, String sessionId, int course, int number, Instant at) {
            this.clientId = clientId;
            this.sessionId = sessionId;
            this.course = course;
            this.number = number;
            this.at = at;
        }

        public Session zone(ScalpZone zone, double fraction, String... lots) {
            List<SessionCompleted.PigmentUse> pigments = new ArrayList<>();
            for (String lot : lots) {
                pigments.add(new SessionCompleted.PigmentUse(lot, 20));
            }
            work.put(zone, new SessionCompleted.ZoneWork(zone, fraction, null, 3, 0.25, 0.8, pigments, null));
            return this;
        }

        public Session overriding(String reason, String... limits) {
            override = new SessionCompleted.Override(reason, "lead-practitioner", List.of(limits));
            return this;
        }

        public String completed() {
            Instant ended = at.plus(Duration.ofHours(3));
            return events.record(
                    new SessionCompleted(
                            clientId,
                            sessionId,
                            course,
                            number,
                            at,
                            ended,
                            PRACTITIONER,
                            List.copyOf(work.values()),
                            override,
                            null,
                            0),
                    ended,
                    PRACTITIONER);
        }
    }
}
