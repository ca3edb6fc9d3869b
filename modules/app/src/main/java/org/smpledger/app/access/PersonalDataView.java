package org.smpledger.app.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.smpledger.app.personaldata.OpenedRecords;
import org.smpledger.app.security.StaffMember;
import org.smpledger.projections.Page;
import org.smpledger.projections.audit.AuditTrail;

/**
 * Stored events as a member may see them. The event store never hands out personal values (they are
 * left out as events are read), so auditors and analysts get the events as read; for a member who may
 * see personal data (practitioner, clinic-admin), each payload is replaced by the stored one with its
 * personal values opened with the client's key (left out once the client is erased). The one place
 * where the API decides what personal data leaves the service in raw events.
 */
public final class PersonalDataView {

    private PersonalDataView() {}

    public static Page<AuditTrail.StoredEvent> of(
            Page<AuditTrail.StoredEvent> events,
            StaffMember member,
            Supplier<Map<String, OpenedRecords.Opened>> opened) {
        if (!member.maySeePersonalDetails()) {
            return events;
        }
        Map<String, OpenedRecords.Opened> byId = opened.get();
        List<AuditTrail.StoredEvent> shown = events.items().stream()
                .map(event -> {
                    OpenedRecords.Opened open = byId.get(event.eventId());
                    JsonNode payload = open == null ? null : open.payload();
                    return payload == null
                            ? event
                            : new AuditTrail.StoredEvent(
                                    event.eventId(),
                                    event.type(),
                                    event.revision(),
                                    event.sequence(),
                                    event.globalPosition(),
                                    event.timestamp(),
                                    event.metadata(),
                                    payload);
                })
                .toList();
        return new Page<>(events.page(), events.size(), events.total(), shown);
    }
}
