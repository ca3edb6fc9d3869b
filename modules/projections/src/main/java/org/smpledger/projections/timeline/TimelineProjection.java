package org.smpledger.projections.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.smpledger.density.NaturalDensity;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.treatment.RecordCorrected;
import org.smpledger.events.treatment.TreatmentRecordEvent;
import org.smpledger.projections.ClientStreamProjection;
import org.smpledger.projections.ProjectionEvent;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * One document per client ({@code _id} = client id) holding every recorded step in stream order,
 * each in the clinic's words; a correction is an entry of its own and is also attached to the
 * entry it corrects.
 */
public final class TimelineProjection extends ClientStreamProjection<StoredTimeline> {

    public static final String NAME = "timeline";
    static final String COLLECTION = "timeline";

    private final TimelineWording wording;

    public TimelineProjection(NaturalDensity naturalDensity) {
        super(StoredTimeline.MODEL);
        this.wording = new TimelineWording(naturalDensity);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    protected StoredTimeline newClient(String clientId, String clinicId, ProjectionEvent event) {
        return new StoredTimeline(clientId, clinicId, -1, List.of());
    }

    @Override
    protected StoredTimeline apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            StoredTimeline timeline,
            boolean identityChanged,
            ReadModelBatch batch) {
        if (payload instanceof RecordCorrected correction) {
            return timeline.with(
                    entry(event, payload), correction.correctedEventId(), correctionNote(event, correction));
        }
        return timeline.with(entry(event, payload), null, null);
    }

    private StoredTimeline.Entry entry(ProjectionEvent event, TreatmentRecordEvent payload) {
        TimelineWording.Step step = wording.describe(payload);
        Map<String, Double> density = new TreeMap<>();
        step.densityAdded().forEach((zone, value) -> density.put(zone.name(), value));
        boolean session = step.sessionId() != null;
        return new StoredTimeline.Entry(
                event.eventId(),
                event.sequence(),
                event.typeName(),
                step.what(),
                event.recordedAt(),
                step.occurredAt(),
                event.actorId(),
                event.actorRole(),
                step.zones().stream().map(Enum::name).toList(),
                step.lots(),
                density,
                step.sessionId(),
                session ? step.course() : null,
                session ? step.sessionNumber() : null,
                step.override() == null
                        ? null
                        : new StoredTimeline.SessionOverride(
                                null, // the reason is the client's personal data: never in a read model
                                step.override().approvedBy(),
                                step.override().limitsExceeded() == null
                                        ? List.of()
                                        : step.override().limitsExceeded()),
                payload instanceof RecordCorrected correction ? correction.correctedEventId() : null,
                List.of());
    }

    private static StoredTimeline.Correction correctionNote(ProjectionEvent event, RecordCorrected correction) {
        return new StoredTimeline.Correction(
                event.eventId(),
                event.sequence(),
                event.recordedAt(),
                event.actorId(),
                null, // the reason is the client's personal data: never in a read model
                correction.voided(),
                changeList(correction.changes()));
    }

    /**
     * As {field, value} pairs: field paths come from the client and are not safe as MongoDB field names.
     * A new value of a personal field (a note) is never kept: the read model holds no personal data.
     */
    private static List<StoredTimeline.Change> changeList(Map<String, String> changes) {
        List<StoredTimeline.Change> list = new ArrayList<>();
        new TreeMap<>(changes == null ? Map.<String, String>of() : changes).forEach((field, value) -> {
            if (!EventCatalog.personalPath(field)) {
                list.add(new StoredTimeline.Change(field, value));
            }
        });
        return list;
    }
}
