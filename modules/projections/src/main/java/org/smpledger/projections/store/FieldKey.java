package org.smpledger.projections.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Turns an id into a document field name. Ids are used as keys of maps inside one document
 * (a clinic's clients); MongoDB field names may not contain dots nor start with '$', so such ids
 * are hex-encoded behind a '~'.
 */
public final class FieldKey {

    private FieldKey() {}

    public static String of(String id) {
        if (id.isEmpty()
                || id.indexOf('.') >= 0
                || id.charAt(0) == '$'
                || id.charAt(0) == '~'
                || id.indexOf('\0') >= 0) {
            return "~" + HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
        }
        return id;
    }
}
