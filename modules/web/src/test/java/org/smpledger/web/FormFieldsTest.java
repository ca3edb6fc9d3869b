package org.smpledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    private static Map<String, String[]> form(String... namesAndValues) {
        Map<String, String[]> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], new String[] {namesAndValues[i + 1]});
        }
        return form;
    }

    @Test
    void fieldNamesArePathsInTheCommandBody() {
        Map<String, Object> body = FormFields.body(
                form(
                        "_csrf", "token",
                        "hairLoss.scale", "NORWOOD",
                        "zoneWork[0].zone", "CROWN",
                        "zoneWork[0].pigments[0].lotId", "lot-1",
                        "zoneWork[1].zone", "HAIRLINE"),
                ZoneId.of("UTC"),
                List.of());
        assertThat(body)
                .isEqualTo(Map.of(
                        "hairLoss", Map.of("scale", "NORWOOD"),
                        "zoneWork",
                                List.of(
                                        Map.of("zone", "CROWN", "pigments", List.of(Map.of("lotId", "lot-1"))),
                                        Map.of("zone", "HAIRLINE"))));
    }

    @Test
    void emptyFieldsAndSpareRowsAreLeftOutAndIndexesCloseUp() {
        Map<String, Object> body = FormFields.body(
                form("zoneWork[0].zone", "", "zoneWork[1].zone", "CROWN", "notes", "  "), ZoneId.of("UTC"), List.of());
        assertThat(body).isEqualTo(Map.of("zoneWork", List.of(Map.of("zone", "CROWN"))));
    }

    @Test
    void aTimeWithoutZoneIsReadInTheClinicsZoneAndDatesStayDates() {
        Map<String, Object> body = FormFields.body(
                form("startedAt", "2026-03-10T09:00", "expiresOn", "2027-12-31"),
                ZoneId.of("Europe/London"),
                List.of());
        assertThat(body).containsEntry("startedAt", "2026-03-10T09:00:00Z").containsEntry("expiresOn", "2027-12-31");
        assertThat(FormFields.body(form("startedAt", "2026-07-10T09:00:30"), ZoneId.of("Europe/London"), List.of()))
                .containsEntry("startedAt", "2026-07-10T08:00:30Z");
    }

    @Test
    void checkboxGroupsAreListsAndRequiredListsAreAlwaysThere() {
        Map<String, String[]> form = new LinkedHashMap<>();
        form.put("zones[]", new String[] {"CROWN", "HAIRLINE"});
        assertThat(FormFields.body(form, ZoneId.of("UTC"), List.of("findings")))
                .isEqualTo(Map.of("zones", List.of("CROWN", "HAIRLINE"), "findings", List.of()));
    }

    @Test
    void namesThatAreNotPathsAreIgnored() {
        assertThat(FormFields.body(form("$set", "x", "a..b", "y", "ok", "1"), ZoneId.of("UTC"), List.of()))
                .isEqualTo(Map.of("ok", "1"));
    }
}
