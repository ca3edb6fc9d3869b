package org.smpledger.web;

import java.time.format.DateTimeFormatter;
import org.smpledger.projections.lots.LotRecall;

/** A lot's recall list as CSV (RFC 4180): one row per use of the lot, for the clinic's recall letters and the regulator. */
public final class RecallCsv {

    private static final String HEADER =
            "lot_id,brand,shade,batch_number,recalled_at,client_id,use,session_id,course,session_number,at,zones,status\r\n";

    private RecallCsv() {}

    public static String of(LotRecall recall) {
        StringBuilder csv = new StringBuilder(HEADER);
        String recalledAt = recall.recall() == null || recall.recall().recalledAt() == null
                ? ""
                : DateTimeFormatter.ISO_INSTANT.format(recall.recall().recalledAt());
        for (LotRecall.ClientUse client : recall.clients().items()) {
            for (LotRecall.Use use : client.uses()) {
                csv.append(String.join(
                                ",",
                                field(recall.lotId()),
                                field(recall.brand()),
                                field(recall.shade()),
                                field(recall.batchNumber()),
                                field(recalledAt),
                                field(client.clientId()),
                                field(use.kind()),
                                field(use.sessionId()),
                                field(use.course() == null ? "" : use.course().toString()),
                                field(
                                        use.sessionNumber() == null
                                                ? ""
                                                : use.sessionNumber().toString()),
                                field(use.at() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(use.at())),
                                field(use.zones() == null ? "" : String.join(" ", use.zones())),
                                field(use.status())))
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    /**
     * Quoted when it holds a comma, quote or line break; a value a spreadsheet would run as a
     * formula ({@code = + - @}) gets a leading apostrophe.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
