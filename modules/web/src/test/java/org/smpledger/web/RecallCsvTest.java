package org.smpledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smpledger.projections.Page;
import org.smpledger.projections.lots.LotRecall;

class RecallCsvTest {

    @Test
    void oneRowPerUseQuotedWhereNeededAndNoFormulas() {
        LotRecall recall = new LotRecall(
                "lot-1",
                "clinic",
                "Ink, Co",
                "dark \"brown\"",
                "=B1",
                "2099-12-31",
                new LotRecall.Recall("contamination", Instant.parse("2026-03-01T00:00:00Z"), "admin", null),
                1,
                new Page<>(
                        0,
                        100,
                        1,
                        List.of(new LotRecall.ClientUse(
                                "client-a",
                                List.of(
                                        new LotRecall.Use(
                                                "e1",
                                                "patch-test",
                                                null,
                                                null,
                                                null,
                                                Instant.parse("2026-01-01T10:00:00Z"),
                                                List.of(),
                                                "received"),
                                        new LotRecall.Use(
                                                "e2",
                                                "session",
                                                "s1",
                                                1,
                                                1,
                                                Instant.parse("2026-01-10T09:00:00Z"),
                                                List.of("CROWN", "HAIRLINE"),
                                                "voided"))))));
        List<String> lines = RecallCsv.of(recall).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1))
                .isEqualTo("lot-1,\"Ink, Co\",\"dark \"\"brown\"\"\",'=B1,2026-03-01T00:00:00Z,client-a,patch-test,,,,"
                        + "2026-01-01T10:00:00Z,,received");
        assertThat(lines.get(2)).endsWith(",client-a,session,s1,1,1,2026-01-10T09:00:00Z,CROWN HAIRLINE,voided");
        assertThat(RecallCsv.of(recall)).contains("\r\n");
    }
}
