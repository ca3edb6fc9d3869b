package org.smpledger.projections.lots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.smpledger.events.FieldPath;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.Correction;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Which clients received which pigment lot. {@code lot_usage}: one document per lot
 * ({@code _id} = lot id) with the lot's label, its recall and every use (a session or a patch
 * test), keyed by the recording event's id so a redelivered event replaces its own use.
 * {@code lot_uses}: one document per recording event ({@code _id} = event id) with the lots it
 * named, so a later correction of that event finds the lots to update by key.
 */
public final class LotUsageProjection implements Projection {

    public static final String NAME = "lot-usage";
    static final String LOTS = "lot_usage";
    static final String USES = "lot_uses";

    static final String RECEIVED = "received";
    static final String VOIDED = "voided";
    static final String CORRECTED_AWAY = "corrected-away";

    /** The fields of a recording event this model keeps; a correction of any other field changes nothing here. */
    private static final FieldPath SESSION_LOT =
            FieldPath.parse(SessionCompleted.class, "zoneWork[0].pigments[0].lotId");

    private static final FieldPath SESSION_ZONE = FieldPath.parse(SessionCompleted.class, "zoneWork[0].zone");
    private static final FieldPath SESSION_START = FieldPath.parse(SessionCompleted.class, "startedAt");
    private static final FieldPath PATCH_TEST_LOT = FieldPath.parse(PatchTestRecorded.class, "lotId");
    private static final FieldPath PATCH_TEST_APPLIED = FieldPath.parse(PatchTestRecorded.class, "appliedAt");

    /** What one event changes here: the documents it reads ({collection, id}) and how it changes them. */
    private record Change(List<String[]> reads, Consumer<ReadModelBatch> apply) {}

    private static final Change NONE = new Change(List.of(), batch -> {});

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(LOTS, USES);
    }

    @Override
    public List<String[]> reads(ProjectionEvent event) {
        return change(event).reads();
    }

    @Override
    public void apply(ProjectionEvent event, ReadModelBatch batch) {
        change(event).apply().accept(batch);
    }

    private static Change change(ProjectionEvent event) {
        if (event.payload() instanceof PigmentLotEvent lotEvent) {
            return lotEvent.accept(LOT_EVENTS);
        }
        if (event.payload() instanceof TreatmentRecordEvent recordEvent) {
            return recordEvent.accept(new RecordEvents(event.eventId()));
        }
        return NONE;
    }

    private static final PigmentLotEvent.Visitor<Change> LOT_EVENTS = new PigmentLotEvent.Visitor<>() {
        @Override
        public Change visit(PigmentLotReceived received) {
            return new Change(List.<String[]>of(new String[] {LOTS, received.lotId()}), batch -> {
                Document lot = lot(batch, received.lotId());
                lot.put("clinicId", received.clinicId());
                lot.put("brand", received.brand());
                lot.put("shade", received.shade());
                lot.put("batchNumber", received.batchNumber());
                lot.put(
                        "expiresOn",
                        received.expiresOn() == null
                                ? null
                                : received.expiresOn().toString());
                lot.put("receivedAt", text(received.receivedAt()));
                batch.save(LOTS, received.lotId(), lot);
            });
        }

        @Override
        public Change visit(PigmentLotRecalled recalled) {
            return new Change(List.<String[]>of(new String[] {LOTS, recalled.lotId()}), batch -> {
                Document lot = lot(batch, recalled.lotId());
                lot.put(
                        "recall",
                        new Document("reason", recalled.reason())
                                .append("recalledAt", text(recalled.recalledAt()))
                                .append("recalledBy", recalled.recalledBy())
                                .append("authorityReference", recalled.authorityReference()));
                batch.save(LOTS, recalled.lotId(), lot);
            });
        }
    };

    /** Sessions and patch tests use lots; a correction of one changes its use. Nothing else names a lot. */
    private record RecordEvents(String eventId) implements TreatmentRecordEvent.Visitor<Change> {

        @Override
        public Change visit(SessionCompleted session) {
            List<String[]> reads = new ArrayList<>();
            if (session.zoneWork() != null) {
                session.zoneWork().stream()
                        .filter(w -> w.pigments() != null)
                        .flatMap(w -> w.pigments().stream())
                        .map(SessionCompleted.PigmentUse::lotId)
                        .distinct()
                        .forEach(lot -> reads.add(new String[] {LOTS, lot}));
            }
            return new Change(reads, batch -> {
                List<Document> works = new ArrayList<>();
                for (SessionCompleted.ZoneWork work :
                        session.zoneWork() == null ? List.<SessionCompleted.ZoneWork>of() : session.zoneWork()) {
                    List<String> lots = work.pigments() == null
                            ? List.of()
                            : work.pigments().stream()
                                    .map(SessionCompleted.PigmentUse::lotId)
                                    .toList();
                    works.add(new Document("zone", work.zone().name()).append("lots", lots));
                }
                Document use = new Document("_id", eventId)
                        .append("clientId", session.clientId())
                        .append("kind", "session")
                        .append("sessionId", session.sessionId())
                        .append("course", session.course())
                        .append("sessionNumber", session.sessionNumber())
                        .append("at", text(session.startedAt()))
                        .append("voided", false)
                        .append("works", works);
                record(use, Set.of(), batch);
            });
        }

        @Override
        public Change visit(PatchTestRecorded patchTest) {
            if (patchTest.lotId() == null) {
                return NONE;
            }
            return new Change(List.<String[]>of(new String[] {LOTS, patchTest.lotId()}), batch -> {
                Document use = new Document("_id", eventId)
                        .append("clientId", patchTest.clientId())
                        .append("kind", "patch-test")
                        .append("sessionId", null)
                        .append("course", null)
                        .append("sessionNumber", null)
                        .append("at", text(patchTest.appliedAt()))
                        .append("voided", false)
                        .append(
                                "works",
                                List.of(new Document("zone", null).append("lots", List.of(patchTest.lotId()))));
                record(use, Set.of(), batch);
            });
        }

        @Override
        public Change visit(RecordCorrected correction) {
            return new Change(List.<String[]>of(new String[] {USES, correction.correctedEventId()}), batch -> {
                Document use = batch.find(USES, correction.correctedEventId());
                if (use != null) {
                    corrected(use, correction, batch);
                }
            });
        }

        @Override
        public Change visit(ClientRegistered event) {
            return NONE;
        }

        @Override
        public Change visit(ClientDetailsCorrected event) {
            return NONE;
        }

        @Override
        public Change visit(ConsultationHeld event) {
            return NONE;
        }

        @Override
        public Change visit(ContraindicationScreened event) {
            return NONE;
        }

        @Override
        public Change visit(ConsentSigned event) {
            return NONE;
        }

        @Override
        public Change visit(HairlineDesigned event) {
            return NONE;
        }

        @Override
        public Change visit(AftercareIssued event) {
            return NONE;
        }

        @Override
        public Change visit(HealingAssessed event) {
            return NONE;
        }

        @Override
        public Change visit(AdverseReactionReported event) {
            return NONE;
        }

        @Override
        public Change visit(TouchUpRequested event) {
            return NONE;
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The use as the correction leaves the recording event: its lots, zones and time corrected, or voided. */
    private static void corrected(Document use, RecordCorrected correction, ReadModelBatch batch) {
        Set<String> before = lotsOf(use);
        if (correction.voided()) {
            use.put("voided", true);
        }
        boolean session = "session".equals(use.getString("kind"));
        List<Document> works = use.getList("works", Document.class);
        Correction read = Correction.of(correction, session ? SessionCompleted.class : PatchTestRecorded.class);
        for (Correction.Change change : read.changes()) {
            FieldPath field = change.field();
            List<Integer> at = field.indexes();
            if (session && field.sameField(SESSION_LOT)) {
                replaceLot(works, at.get(0), at.get(1), (String) change.value());
            } else if (session && field.sameField(SESSION_ZONE) && at.get(0) < works.size()) {
                works.get(at.get(0)).put("zone", ((Enum<?>) change.value()).name());
            } else if (session && field.sameField(SESSION_START) || !session && field.sameField(PATCH_TEST_APPLIED)) {
                use.put("at", change.value().toString());
            } else if (!session && field.sameField(PATCH_TEST_LOT)) {
                replaceLot(works, 0, 0, (String) change.value());
            }
        }
        record(use, before, batch);
    }

    private static void replaceLot(List<Document> works, int workIndex, int pigmentIndex, String lotId) {
        if (workIndex < works.size()) {
            List<String> lots = new ArrayList<>(works.get(workIndex).getList("lots", String.class));
            if (pigmentIndex < lots.size()) {
                lots.set(pigmentIndex, lotId);
                works.get(workIndex).put("lots", lots);
            }
        }
    }

    /** Saves the recording event's lots and brings each lot's use of it up to date. */
    private static void record(Document use, Set<String> lotsBefore, ReadModelBatch batch) {
        String eventId = use.getString("_id");
        batch.save(USES, eventId, use);
        Set<String> now = lotsOf(use);
        Set<String> touched = new LinkedHashSet<>(lotsBefore);
        touched.addAll(now);
        for (String lotId : touched) {
            Document lot = lot(batch, lotId);
            String status = !now.contains(lotId) ? CORRECTED_AWAY : use.getBoolean("voided", false) ? VOIDED : RECEIVED;
            Document entry = new Document("eventId", eventId)
                    .append("clientId", use.getString("clientId"))
                    .append("kind", use.getString("kind"))
                    .append("sessionId", use.getString("sessionId"))
                    .append("course", use.getInteger("course"))
                    .append("sessionNumber", use.getInteger("sessionNumber"))
                    .append("at", use.getString("at"))
                    .append("zones", zonesUsing(use, lotId))
                    .append("status", status);
            List<Document> uses = lot.getList("uses", Document.class);
            int existing = -1;
            for (int i = 0; i < uses.size(); i++) {
                if (eventId.equals(uses.get(i).getString("eventId"))) {
                    existing = i;
                }
            }
            if (existing >= 0) {
                uses.set(existing, entry);
            } else {
                uses.add(entry);
            }
            batch.save(LOTS, lotId, lot);
        }
    }

    private static Set<String> lotsOf(Document use) {
        Set<String> lots = new LinkedHashSet<>();
        use.getList("works", Document.class).forEach(w -> lots.addAll(w.getList("lots", String.class)));
        return lots;
    }

    private static List<String> zonesUsing(Document use, String lotId) {
        Map<String, Boolean> zones = new LinkedHashMap<>();
        for (Document work : use.getList("works", Document.class)) {
            if (work.getString("zone") != null
                    && work.getList("lots", String.class).contains(lotId)) {
                zones.put(work.getString("zone"), true);
            }
        }
        return List.copyOf(zones.keySet());
    }

    private static Document lot(ReadModelBatch batch, String lotId) {
        Document lot = batch.find(LOTS, lotId);
        if (lot == null) {
            lot = new Document("_id", lotId)
                    .append("clinicId", null)
                    .append("brand", null)
                    .append("shade", null)
                    .append("batchNumber", null)
                    .append("expiresOn", null)
                    .append("receivedAt", null)
                    .append("recall", null)
                    .append("uses", new ArrayList<Document>());
        }
        return lot;
    }
}
