package org.smpledger.projections.lots;

import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.store.ReadModel;

/**
 * The lots one recording event named ({@code lot_uses_gN}, {@code _id} = the event's id), per zone
 * worked (no zone for a patch test), as corrections have left them; a later correction of that
 * event finds them by key.
 */
public record RecordedLots(
        @BsonId String eventId,
        String clientId,
        String clinicId,
        String kind,
        String sessionId,
        Integer course,
        Integer sessionNumber,
        Instant at,
        boolean voided,
        List<Work> works) {

    static final ReadModel<RecordedLots> MODEL =
            new ReadModel<>(LotUsageProjection.USES, RecordedLots.class, RecordedLots::eventId);

    public RecordedLots {
        works = works == null ? List.of() : works;
    }

    RecordedLots with(boolean voided, Instant at, List<Work> works) {
        return new RecordedLots(eventId, clientId, clinicId, kind, sessionId, course, sessionNumber, at, voided, works);
    }

    /** The lots used on one zone (null for a patch test). */
    public record Work(String zone, List<String> lots) {}
}
