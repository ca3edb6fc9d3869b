package org.smpledger.projections.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.smpledger.density.NaturalDensity;
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
public final class TimelineProjection extends ClientStreamProjection {

    public static final String NAME = "timeline";
    static final String COLLECTION = "timeline";

    private final TimelineWording wording;

    public TimelineProjection(NaturalDensity naturalDensity) {
        super(COLLECTION);
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
    protected Document newClient(Document timeline, ProjectionEvent event) {
        return timeline.append("entries", new ArrayList<Document>());
    }

    @Override
    protected void apply(
            ProjectionEvent event,
            TreatmentRecordEvent payload,
            Document timeline,
            boolean identityChanged,
            ReadModelBatch batch) {
        List<Document> entries = timeline.getList("entries", Document.class);
        Document entry = entry(event, payload);
        if (payload instanceof RecordCorrected correction) {
            for (Document corrected : entries) {
                if (correction.correctedEventId().equals(corrected.getString("eventId"))) {
                    List<Document> corrections =
                            new ArrayList<>(corrected.getList("corrections", Document.class, List.of()));
                    corrections.add(correctionNote(event, correction));
                    corrected.put("corrections", corrections);
                }
            }
        }
        entries.add(entry);
    }

    private Document entry(ProjectionEvent event, TreatmentRecordEvent payload) {
        TimelineWording.Step step = wording.describe(payload);
        Document entry = new Document("eventId", event.eventId())
                .append("sequence", event.sequence())
                .append("type", event.typeName())
                .append("what", step.what())
                .append("recordedAt", event.recordedAt().toString())
                .append(
                        "occurredAt",
                        step.occurredAt() == null ? null : step.occurredAt().toString())
                .append("actorId", event.actorId())
                .append("actorRole", event.actorRole())
                .append("zones", step.zones().stream().map(Enum::name).toList())
                .append("lots", step.lots());
        Map<String, Double> density = new TreeMap<>();
        step.densityAdded().forEach((zone, value) -> density.put(zone.name(), value));
        entry.append("densityAdded", new Document(density));
        if (step.sessionId() != null) {
            entry.append("sessionId", step.sessionId())
                    .append("course", step.course())
                    .append("sessionNumber", step.sessionNumber());
        }
        if (step.override() != null) {
            entry.append(
                    "override",
                    new Document("reason", step.override().reason())
                            .append("approvedBy", step.override().approvedBy())
                            .append(
                                    "limitsExceeded",
                                    step.override().limitsExceeded() == null
                                            ? List.of()
                                            : step.override().limitsExceeded()));
        }
        if (payload instanceof RecordCorrected correction) {
            entry.append("corrects", correction.correctedEventId());
        }
        return entry.append("corrections", List.of());
    }

    private static Document correctionNote(ProjectionEvent event, RecordCorrected correction) {
        return new Document("eventId", event.eventId())
                .append("sequence", event.sequence())
                .append("recordedAt", event.recordedAt().toString())
                .append("actorId", event.actorId())
                .append("reason", correction.reason())
                .append("voided", correction.voided())
                .append("changes", changeList(correction.changes()));
    }

    /** As {field, value} pairs: field paths come from the client and are not safe as MongoDB field names. */
    private static List<Document> changeList(Map<String, String> changes) {
        List<Document> list = new ArrayList<>();
        new TreeMap<>(changes == null ? Map.<String, String>of() : changes)
                .forEach((field, value) -> list.add(new Document("field", field).append("value", value)));
        return list;
    }
}
