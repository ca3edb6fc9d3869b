package org.smpledger.projections.timeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.smpledger.density.NaturalDensity;
import org.smpledger.density.ZoneDensityLedger;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.ScalpZone;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * Says what a recorded step was in the clinic's words, and pulls out the facts a timeline
 * shows for it (one method per event type: a new type does not compile until it is worded).
 * Personal details are never repeated here: the timeline stays free of them, so
 * erasing a client's personal data never has to touch a read model.
 */
final class TimelineWording implements TreatmentRecordEvent.Visitor<TimelineWording.Step> {

    record Step(
            String what,
            Instant occurredAt,
            List<ScalpZone> zones,
            List<String> lots,
            Map<ScalpZone, Double> densityAdded,
            String sessionId,
            Integer course,
            Integer sessionNumber,
            SessionCompleted.Override override) {}

    /** Enum constants are few and worded on every replayed event: their words are kept. */
    private static final Map<Enum<?>, String> ENUM_WORDS = new ConcurrentHashMap<>();

    private final NaturalDensity naturalDensity;

    TimelineWording(NaturalDensity naturalDensity) {
        this.naturalDensity = naturalDensity;
    }

    Step describe(TreatmentRecordEvent event) {
        return event.accept(this);
    }

    @Override
    public Step visit(ClientRegistered e) {
        return simple("Client registered", e.registeredAt());
    }

    @Override
    public Step visit(ClientDetailsCorrected e) {
        return simple("Client details corrected", null);
    }

    @Override
    public Step visit(ClientPersonalDataErased e) {
        String overriding = e.retentionOverride() == null
                ? ""
                : ", overriding retention rule " + e.retentionOverride().ruleId() + " (kept until "
                        + e.retentionOverride().keepUntil() + ")";
        return simple(
                "Personal data erased (" + words(e.reason()) + ")" + overriding + "; the clinical history stays", null);
    }

    @Override
    public Step visit(ConsultationHeld e) {
        return consultation(e);
    }

    @Override
    public Step visit(ContraindicationScreened e) {
        return screening(e);
    }

    @Override
    public Step visit(ConsentSigned e) {
        return simple(
                "Consent signed" + (e.formVersion() == null ? "" : " (form " + e.formVersion() + ")"), e.signedAt());
    }

    @Override
    public Step visit(PatchTestRecorded e) {
        return patchTest(e);
    }

    @Override
    public Step visit(HairlineDesigned e) {
        List<ScalpZone> zones =
                e.plannedZones() == null ? List.of() : List.copyOf(new LinkedHashSet<>(e.plannedZones()));
        String style = e.style() == null ? "" : " (" + e.style() + ")";
        return new Step(
                "Hairline designed" + style + "; zones planned: " + zoneList(zones),
                e.designedAt(),
                zones,
                List.of(),
                Map.of(),
                null,
                null,
                null,
                null);
    }

    @Override
    public Step visit(SessionCompleted e) {
        return session(e);
    }

    @Override
    public Step visit(AftercareIssued e) {
        return aftercare(e);
    }

    @Override
    public Step visit(HealingAssessed e) {
        return healing(e);
    }

    @Override
    public Step visit(AdverseReactionReported e) {
        return reaction(e);
    }

    @Override
    public Step visit(TouchUpRequested e) {
        return touchUp(e);
    }

    @Override
    public Step visit(TreatmentPlanned e) {
        List<ScalpZone> zones = e.targets() == null
                ? List.of()
                : e.targets().stream()
                        .map(TreatmentPlanned.ZoneTarget::zone)
                        .distinct()
                        .toList();
        StringBuilder what = new StringBuilder("Treatment plan for course ")
                .append(e.course())
                .append(": ")
                .append(e.plannedSessions())
                .append(e.plannedSessions() == 1 ? " session" : " sessions");
        if (e.targets() != null && !e.targets().isEmpty()) {
            what.append("; ")
                    .append(e.targets().stream()
                            .map(t -> words(t.zone()) + " to " + format(t.targetDensity()))
                            .collect(Collectors.joining(", ")));
        }
        if (e.factors() != null && !e.factors().isEmpty()) {
            what.append(" (")
                    .append(e.factors().stream()
                            .map(f -> words(f.kind())
                                    + (f.note() == null || f.note().isBlank() ? "" : ": " + f.note()))
                            .collect(Collectors.joining("; ")))
                    .append(")");
        }
        return new Step(what.toString(), e.plannedAt(), zones, List.of(), Map.of(), null, e.course(), null, null);
    }

    @Override
    public Step visit(CourseCompleted e) {
        return new Step(
                "Course " + e.course() + " completed",
                e.completedAt(),
                List.of(),
                List.of(),
                Map.of(),
                null,
                e.course(),
                null,
                null);
    }

    @Override
    public Step visit(ReactionReportedToAuthority e) {
        return simple(
                "Adverse reaction " + e.reactionId() + " reported"
                        + (e.authority() == null ? "" : " to " + e.authority())
                        + (e.reference() == null ? "" : " (reference " + e.reference() + ")"),
                e.reportedAt());
    }

    @Override
    public Step visit(RecordCorrected e) {
        String whatCorrected = e.correctedEventType() == null ? "an earlier entry" : noun(e.correctedEventType());
        String verb = e.voided() ? "Voided " : "Corrected ";
        return simple(verb + whatCorrected, null);
    }

    private static Step simple(String what, Instant occurredAt) {
        return new Step(what, occurredAt, List.of(), List.of(), Map.of(), null, null, null, null);
    }

    private static Step consultation(ConsultationHeld e) {
        List<String> parts = new ArrayList<>();
        if (e.hairLoss() != null) {
            String scale = words(e.hairLoss().scale());
            parts.add(Character.toUpperCase(scale.charAt(0)) + scale.substring(1) + " "
                    + e.hairLoss().grade());
        }
        if (e.alopeciaType() != null) {
            parts.add(words(e.alopeciaType()) + " alopecia");
        }
        if (e.skin() != null && e.skin().fitzpatrickType() != null) {
            parts.add("Fitzpatrick " + e.skin().fitzpatrickType()
                    + (e.skin().undertone() == null ? "" : " " + words(e.skin().undertone())));
        }
        int scars = e.scars() == null ? 0 : e.scars().size();
        if (scars > 0) {
            parts.add(scars + (scars == 1 ? " scar" : " scars"));
        }
        List<ScalpZone> zones = e.scars() == null
                ? List.of()
                : e.scars().stream().map(ConsultationHeld.Scar::zone).distinct().toList();
        return new Step(
                "Consultation" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)),
                e.heldAt(),
                zones,
                List.of(),
                Map.of(),
                null,
                null,
                null,
                null);
    }

    private static Step screening(ContraindicationScreened e) {
        if (e.findings() == null || e.findings().isEmpty()) {
            return simple("Contraindication screening: nothing found", e.screenedAt());
        }
        String found = e.findings().stream()
                .map(f -> words(f.contraindication()) + " (" + words(f.severity())
                        + (f.waitUntil() == null ? "" : ", wait until " + f.waitUntil()) + ")")
                .collect(Collectors.joining(", "));
        return simple("Contraindication screening: " + found, e.screenedAt());
    }

    private static Step patchTest(PatchTestRecorded e) {
        StringBuilder what = new StringBuilder("Patch test");
        if (e.lotId() != null) {
            what.append(" with lot ").append(e.lotId());
        }
        what.append(": ").append(e.result() == null ? "no result" : words(e.result()));
        if (e.appliedAt() != null && e.readAt() != null) {
            what.append(", read after ")
                    .append(Duration.between(e.appliedAt(), e.readAt()).toHours())
                    .append(" h");
        }
        List<String> lots = e.lotId() == null ? List.of() : List.of(e.lotId());
        return new Step(
                what.toString(),
                e.readAt() != null ? e.readAt() : e.appliedAt(),
                List.of(),
                lots,
                Map.of(),
                null,
                null,
                null,
                null);
    }

    private Step session(SessionCompleted e) {
        Map<ScalpZone, Double> density = new EnumMap<>(ScalpZone.class);
        Set<ScalpZone> zones = new LinkedHashSet<>();
        Set<String> lots = new LinkedHashSet<>();
        for (SessionCompleted.ZoneWork work :
                e.zoneWork() == null ? List.<SessionCompleted.ZoneWork>of() : e.zoneWork()) {
            zones.add(work.zone());
            double added = ZoneDensityLedger.doseOf(work.densityAddedFraction(), work.dotsPerCm2(), naturalDensity)
                    .value();
            density.merge(work.zone(), added, Double::sum);
            if (work.pigments() != null) {
                work.pigments().forEach(p -> lots.add(p.lotId()));
            }
        }
        density.replaceAll((zone, value) -> round(value));
        String work = density.entrySet().stream()
                .map(d -> words(d.getKey()) + " +" + format(d.getValue()))
                .collect(Collectors.joining(", "));
        StringBuilder what = new StringBuilder("Session ")
                .append(e.sessionNumber())
                .append(" of course ")
                .append(e.course());
        if (!work.isEmpty()) {
            what.append(": ").append(work);
        }
        if (!lots.isEmpty()) {
            what.append(" (lots ").append(String.join(", ", lots)).append(")");
        }
        if (e.override() != null) {
            what.append("; went ahead past ")
                    .append(
                            e.override().limitsExceeded() == null
                                            || e.override().limitsExceeded().isEmpty()
                                    ? "a limit"
                                    : String.join(", ", e.override().limitsExceeded()));
        }
        return new Step(
                what.toString(),
                e.startedAt(),
                List.copyOf(zones),
                List.copyOf(lots),
                density,
                e.sessionId(),
                e.course(),
                e.sessionNumber(),
                e.override());
    }

    private static Step aftercare(AftercareIssued e) {
        String instructions = e.instructions() == null
                ? ""
                : e.instructions().stream()
                        .map(i -> words(i.restriction()) + " " + i.days() + " d")
                        .collect(Collectors.joining(", "));
        return simple(
                "Aftercare issued" + (instructions.isEmpty() ? "" : ": " + instructions)
                        + (e.writtenCopyGiven() ? " (written copy given)" : " (no written copy)"),
                e.issuedAt());
    }

    private static Step healing(HealingAssessed e) {
        StringBuilder what = new StringBuilder("Healing check");
        if (e.sessionId() != null) {
            what.append(" after session ").append(e.sessionId());
        }
        what.append(": ").append(e.outcome() == null ? "no outcome" : words(e.outcome()));
        List<ScalpZone> zones = new ArrayList<>();
        if (e.observations() != null && !e.observations().isEmpty()) {
            what.append("; ")
                    .append(e.observations().stream()
                            .map(o -> words(o.zone()) + " " + words(o.observation()) + retained(o))
                            .collect(Collectors.joining(", ")));
            e.observations().forEach(o -> {
                if (!zones.contains(o.zone())) {
                    zones.add(o.zone());
                }
            });
        }
        return new Step(what.toString(), e.assessedAt(), zones, List.of(), Map.of(), e.sessionId(), null, null, null);
    }

    private static String retained(HealingAssessed.ZoneObservation o) {
        if (o.observedDensity() != null) {
            return ", " + format(o.observedDensity()) + " of natural density seen";
        }
        return o.retainedFraction() == null
                ? ""
                : ", " + format(o.retainedFraction() * 100) + "% of the course's work retained";
    }

    private static Step reaction(AdverseReactionReported e) {
        List<String> lots = e.lotIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(e.lotIds()));
        String what = "Adverse reaction: " + (e.kind() == null ? "unspecified" : words(e.kind()))
                + (e.severity() == null ? "" : " (" + words(e.severity()) + ")")
                + (lots.isEmpty() ? "" : ", lots " + String.join(", ", lots));
        return new Step(what, e.observedAt(), List.of(), lots, Map.of(), null, null, null, null);
    }

    private static Step touchUp(TouchUpRequested e) {
        List<ScalpZone> zones = e.zones() == null ? List.of() : List.copyOf(new LinkedHashSet<>(e.zones()));
        StringBuilder what = new StringBuilder("Touch-up requested");
        if (e.reason() != null) {
            what.append(" (").append(words(e.reason())).append(")");
        }
        if (!zones.isEmpty()) {
            what.append(": ").append(zoneList(zones));
        }
        if (e.retainedDensity() != null && !e.retainedDensity().isEmpty()) {
            what.append("; still showing ")
                    .append(e.retainedDensity().stream()
                            .map(r -> words(r.zone()) + " " + format(r.fraction()))
                            .collect(Collectors.joining(", ")));
        }
        return new Step(what.toString(), e.requestedAt(), zones, List.of(), Map.of(), null, null, null, null);
    }

    private static String zoneList(List<ScalpZone> zones) {
        return zones.isEmpty()
                ? "none"
                : zones.stream().map(TimelineWording::words).collect(Collectors.joining(", "));
    }

    /** SessionCompleted -> session, PatchTestRecorded -> patch test. */
    private static String noun(String eventType) {
        String words = words(eventType);
        int lastSpace = words.lastIndexOf(' ');
        return lastSpace > 0 && words.endsWith("ed") ? words.substring(0, lastSpace) : words;
    }

    /** CROWN -> crown, MID_SCALP -> mid-scalp, SessionCompleted -> session completed. */
    static String words(Object value) {
        if (value instanceof Enum<?> constant) {
            return ENUM_WORDS.computeIfAbsent(constant, c -> spelled(c.toString()));
        }
        return spelled(value.toString());
    }

    private static String spelled(String text) {
        if (text.chars().anyMatch(Character::isLowerCase)) {
            return text.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
        return text.toLowerCase(Locale.ROOT).replace('_', ' ').replace("mid scalp", "mid-scalp");
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    static String format(double value) {
        return BigDecimal.valueOf(value)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
