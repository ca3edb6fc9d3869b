package org.smpledger.app.personaldata;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smpledger.domain.policy.RetentionPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smp.retention.*}: how long records are kept after the last treatment, per jurisdiction
 * (defaults: {@link RetentionPolicy#DEFAULTS}, from the domain notes).
 *
 * @param defaultJurisdiction the jurisdiction of clinics not listed in {@code clinics}
 * @param clinics             clinic id to jurisdiction
 * @param rules               jurisdiction to rule; added to (or replacing) the built-in AT, DK and US rules
 * @param timeZone            the zone in which keep-until dates are days
 */
@ConfigurationProperties(prefix = "smp.retention")
public record RetentionProperties(
        @DefaultValue("AT") String defaultJurisdiction,
        Map<String, String> clinics,
        Map<String, Rule> rules,
        @DefaultValue("UTC") ZoneId timeZone) {

    public record Rule(String ruleId, int years, String basis) {}

    RetentionPolicy toPolicy() {
        Map<String, RetentionPolicy.Rule> all = new LinkedHashMap<>(RetentionPolicy.DEFAULTS.rules());
        if (rules != null) {
            rules.forEach((jurisdiction, rule) -> all.put(
                    jurisdiction,
                    new RetentionPolicy.Rule(
                            rule.ruleId() == null ? jurisdiction + "-" + rule.years() + "y" : rule.ruleId(),
                            rule.years(),
                            rule.basis() == null ? "configured for " + jurisdiction : rule.basis())));
        }
        return new RetentionPolicy(defaultJurisdiction, clinics == null ? Map.of() : clinics, all, timeZone);
    }
}
