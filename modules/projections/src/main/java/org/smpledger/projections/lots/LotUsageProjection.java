package org.smpledger.projections.lots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.smpledger.events.FieldPath;
import org.smpledger.events.lot.PigmentLotEvent;
import org.smpledger.events.lot.PigmentLotRecalled;
import org.smpledger.events.lot.PigmentLotReceived;
import org.smpledger.events.treatment.AdverseReactionReported;
import org.smpledger.events.treatment.AftercareIssued;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;
import org.smpledger.events.treatment.ConsentSigned;
import org.smpledger.events.treatment.ConsultationHeld;
import org.smpledger.events.treatment.ContraindicationScreened;
import org.smpledger.events.treatment.Correction;
import org.smpledger.events.treatment.CourseCompleted;
import org.smpledger.events.treatment.HairlineDesigned;
import org.smpledger.events.treatment.HealingAssessed;
import org.smpledger.events.treatment.PatchTestRecorded;
import org.smpledger.events.treatment.ReactionReportedToAuthority;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.SessionCompleted;
import org.smpledger.events.treatment.TouchUpRequested;
import org.smpledger.events.treatment.TreatmentPlanned;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.Projection;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * Which clients received which pigment lot. {@code lot_usage}: one document per lot
 * ({@code _id} = lot id) with the lot's label, its recall and every use (a session or a patch
 * test, with the clinic that recorded it), keyed by the recording event's id so a redelivered
 * event replaces its own use.
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

    /** What one event changes here: the records it reads and how it changes them. */
    private record Change(List<ReadModel.Key> reads, Consumer<ReadModelBatch> apply) {}

    private static final Change NONE = new Change(List.of(), batch -> {});

    @Override
    public String name() {
        return NAME;
    }

    /** A lot's record is written whole from the lot's own events and from every client's session naming it. */
    @Override
    public boolean splitsByStream() {
        return false;
    }

    @Override
    public List<String> collections() {
        return List.of(LOTS, USES);
    }

    @Override
    public List<ReadModel.Key> reads(ProjectionEvent event) {
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
            return recordEvent.accept(new RecordEvents(event.eventId(), event.clinicId()));
        }
        return NONE;
    }

    private static final PigmentLotEvent.Visitor<Change> LOT_EVENTS = new PigmentLotEvent.Visitor<>() {
        @Override
        public Change visit(PigmentLotReceived received) {
            return new Change(
                    List.of(StoredLot.MODEL.key(received.lotId())),
                    batch -> batch.save(
                            StoredLot.MODEL,
                            lot(batch, received.lotId())
                                    .received(
                                            received.clinicId(),
                                            received.brand(),
                                            received.shade(),
                                            received.batchNumber(),
                                            received.expiresOn(),
                                            received.receivedAt())));
        }

        @Override
        public Change visit(PigmentLotRecalled recalled) {
            return new Change(
                    List.of(StoredLot.MODEL.key(recalled.lotId())),
                    batch -> batch.save(
                            StoredLot.MODEL,
                            lot(batch, recalled.lotId())
                                    .recalled(new StoredLot.Recall(
                                            recalled.reason(),
                                            recalled.recalledAt(),
                                            recalled.recalledBy(),
                                            recalled.authorityReference()))));
        }
    };

    /** Sessions and patch tests use lots; a correction of one changes its use. Nothing else names a lot. */
    private record RecordEvents(String eventId, String clinicId) implements TreatmentRecordEvent.Visitor<Change> {

        @Override
        public Change visit(SessionCompleted session) {
            List<ReadModel.Key> reads = new ArrayList<>();
            if (session.zoneWork() != null) {
                session.zoneWork().stream()
                        .filter(w -> w.pigments() != null)
                        .flatMap(w -> w.pigments().stream())
                        .map(SessionCompleted.PigmentUse::lotId)
                        .distinct()
                        .forEach(lot -> reads.add(StoredLot.MODEL.key(lot)));
            }
            return new Change(reads, batch -> {
                List<RecordedLots.Work> works = new ArrayList<>();
                for (SessionCompleted.ZoneWork work :
                        session.zoneWork() == null ? List.<SessionCompleted.ZoneWork>of() : session.zoneWork()) {
                    List<String> lots = work.pigments() == null
                            ? List.of()
                            : work.pigments().stream()
                                    .map(SessionCompleted.PigmentUse::lotId)
                                    .toList();
                    works.add(new RecordedLots.Work(work.zone().name(), lots));
                }
                RecordedLots use = new RecordedLots(
                        eventId,
                        session.clientId(),
                        clinicId,
                        "session",
                        session.sessionId(),
                        session.course(),
                        session.sessionNumber(),
                        session.startedAt(),
                        false,
                        works);
                record(use, Set.of(), batch);
            });
        }

        @Override
        public Change visit(PatchTestRecorded patchTest) {
            if (patchTest.lotId() == null) {
                return NONE;
            }
            return new Change(List.of(StoredLot.MODEL.key(patchTest.lotId())), batch -> {
                RecordedLots use = new RecordedLots(
                        eventId,
                        patchTest.clientId(),
                        clinicId,
                        "patch-test",
                        null,
                        null,
                        null,
                        patchTest.appliedAt(),
                        false,
                        List.of(new RecordedLots.Work(null, List.of(patchTest.lotId()))));
                record(use, Set.of(), batch);
            });
        }

        @Override
        public Change visit(RecordCorrected correction) {
            return new Change(List.of(RecordedLots.MODEL.key(correction.correctedEventId())), batch -> {
                RecordedLots use = batch.find(RecordedLots.MODEL, correction.correctedEventId());
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
        public Change visit(TreatmentPlanned event) {
            return NONE;
        }

        @Override
        public Change visit(CourseCompleted event) {
            return NONE;
        }

        @Override
        public Change visit(ReactionReportedToAuthority event) {
            return NONE;
        }

        @Override
        public Change visit(ClientDetailsCorrected event) {
            return NONE;
        }

        @Override
        public Change visit(ClientPersonalDataErased event) {
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

    /** The use as the correction leaves the recording event: its lots, zones and time corrected, or voided. */
    private static void corrected(RecordedLots use, RecordCorrected correction, ReadModelBatch batch) {
        Set<String> before = lotsOf(use);
        boolean session = "session".equals(use.kind());
        List<RecordedLots.Work> works = new ArrayList<>(use.works());
        Instant at = use.at();
        Correction read = Correction.of(correction, session ? SessionCompleted.class : PatchTestRecorded.class);
        for (Correction.Change change : read.changes()) {
            FieldPath field = change.field();
            List<Integer> indexes = field.indexes();
            if (session && field.sameField(SESSION_LOT)) {
                replaceLot(works, indexes.get(0), indexes.get(1), (String) change.value());
            } else if (session && field.sameField(SESSION_ZONE) && indexes.get(0) < works.size()) {
                works.set(
                        indexes.get(0),
                        new RecordedLots.Work(
                                ((Enum<?>) change.value()).name(),
                                works.get(indexes.get(0)).lots()));
            } else if (session && field.sameField(SESSION_START) || !session && field.sameField(PATCH_TEST_APPLIED)) {
                at = (Instant) change.value();
            } else if (!session && field.sameField(PATCH_TEST_LOT)) {
                replaceLot(works, 0, 0, (String) change.value());
            }
        }
        record(use.with(use.voided() || correction.voided(), at, works), before, batch);
    }

    private static void replaceLot(List<RecordedLots.Work> works, int workIndex, int pigmentIndex, String lotId) {
        if (workIndex < works.size()) {
            List<String> lots = new ArrayList<>(works.get(workIndex).lots());
            if (pigmentIndex < lots.size()) {
                lots.set(pigmentIndex, lotId);
                works.set(workIndex, new RecordedLots.Work(works.get(workIndex).zone(), lots));
            }
        }
    }

    /** Saves the recording event's lots and brings each lot's use of it up to date. */
    private static void record(RecordedLots use, Set<String> lotsBefore, ReadModelBatch batch) {
        batch.save(RecordedLots.MODEL, use);
        Set<String> now = lotsOf(use);
        Set<String> touched = new LinkedHashSet<>(lotsBefore);
        touched.addAll(now);
        for (String lotId : touched) {
            StoredLot lot = lot(batch, lotId);
            String status = !now.contains(lotId) ? CORRECTED_AWAY : use.voided() ? VOIDED : RECEIVED;
            StoredLot.Use entry = new StoredLot.Use(
                    use.eventId(),
                    use.clientId(),
                    use.clinicId(),
                    use.kind(),
                    use.sessionId(),
                    use.course(),
                    use.sessionNumber(),
                    use.at(),
                    zonesUsing(use, lotId),
                    status);
            List<StoredLot.Use> uses = new ArrayList<>(lot.uses());
            int existing = -1;
            for (int i = 0; i < uses.size(); i++) {
                if (use.eventId().equals(uses.get(i).eventId())) {
                    existing = i;
                }
            }
            if (existing >= 0) {
                uses.set(existing, entry);
            } else {
                uses.add(entry);
            }
            batch.save(StoredLot.MODEL, lot.withUses(uses));
        }
    }

    private static Set<String> lotsOf(RecordedLots use) {
        Set<String> lots = new LinkedHashSet<>();
        use.works().forEach(w -> lots.addAll(w.lots()));
        return lots;
    }

    private static List<String> zonesUsing(RecordedLots use, String lotId) {
        Map<String, Boolean> zones = new LinkedHashMap<>();
        for (RecordedLots.Work work : use.works()) {
            if (work.zone() != null && work.lots().contains(lotId)) {
                zones.put(work.zone(), true);
            }
        }
        return List.copyOf(zones.keySet());
    }

    private static StoredLot lot(ReadModelBatch batch, String lotId) {
        StoredLot lot = batch.find(StoredLot.MODEL, lotId);
        return lot == null ? StoredLot.unknown(lotId) : lot;
    }
}
