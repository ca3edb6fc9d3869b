package org.smpledger.domain.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TreatmentRecordEvent;

/**
 * How long the law asks a clinic to keep a client's record after the last treatment, per
 * jurisdiction; inside that period the client's personal data is not erased unless a legal basis
 * that overrides it is recorded. The app binds it from {@code smp.retention.*}; {@link #DEFAULTS}
 * holds the figures of the domain notes.
 *
 * @param defaultJurisdiction the jurisdiction of a clinic not listed in {@code clinics}
 * @param clinics             clinic id to jurisdiction
 * @param rules               jurisdiction to its rule
 * @param timeZone            the zone in which a keep-until date is a calendar day
 */
public record RetentionPolicy(
        String defaultJurisdiction, Map<String, String> clinics, Map<String, Rule> rules, ZoneId timeZone) {

    /**
     * One jurisdiction's rule.
     *
     * @param id    a stable id, quoted when an erasure is refused
     * @param years years after the last treatment during which the record is kept (0: none)
     * @param basis the law it comes from, in words
     */
    public record Rule(String id, int years, String basis) {
        public Rule {
            Objects.requireNonNull(id, "id");
            if (years < 0) {
                throw new IllegalArgumentException("retention years must not be negative");
            }
        }

        /** The first day on which the record may be erased. */
        public LocalDate erasableFrom(Instant lastTreatment, ZoneId zone) {
            return LocalDate.ofInstant(lastTreatment, zone).plusYears(years);
        }
    }

    public static final RetentionPolicy DEFAULTS = new RetentionPolicy(
            "AT",
            Map.of(),
            Map.of(
                    "AT", new Rule("AT-tattoo-records-10y", 10, "Austria: piercing and tattooing rules, section 5"),
                    "DK", new Rule("DK-tattoo-act-5y", 5, "Denmark: tattoo act, section 9"),
                    "US", new Rule("US-body-art-records-5y", 5, "US localities: body art codes, 3-5 years")),
            ZoneId.of("UTC"));

    public RetentionPolicy {
        Objects.requireNonNull(defaultJurisdiction, "defaultJurisdiction");
        Objects.requireNonNull(timeZone, "timeZone");
        clinics = Map.copyOf(clinics);
        rules = Map.copyOf(rules);
        if (!rules.containsKey(defaultJurisdiction)) {
            throw new IllegalArgumentException("no retention rule for the default jurisdiction " + defaultJurisdiction);
        }
        for (Map.Entry<String, String> clinic : clinics.entrySet()) {
            if (!rules.containsKey(clinic.getValue())) {
                throw new IllegalArgumentException("clinic " + clinic.getKey() + " is in jurisdiction "
                        + clinic.getValue() + ", which has no retention rule");
            }
        }
    }

    /**
     * What the retention period counts from, after {@code event}: the latest session end, patch test
     * or consultation, else the registration. {@code known} is the value before the event.
     */
    public static Instant lastTreatment(Instant known, TreatmentRecordEvent event) {
        Instant at = null;
        if (event instanceof ClientRegistered registered) {
            at = registered.registeredAt();
        } else if (event instanceof SessionCompleted session) {
            at = session.endedAt();
        } else if (event instanceof PatchTestRecorded patchTest) {
            at = patchTest.appliedAt();
        } else if (event instanceof ConsultationHeld consultation) {
            at = consultation.heldAt();
        }
        return at == null || known != null && !at.isAfter(known) ? known : at;
    }

    public Rule ruleFor(String clinicId) {
        return rules.get(clinics.getOrDefault(clinicId, defaultJurisdiction));
    }
}
