package org.smpledger.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import org.smpledger.app.personaldata.OpenedRecords;
import org.smpledger.events.treatment.ClientDetailsCorrected;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.events.treatment.ClientRegistered;

/**
 * A client's personal details as they now stand: those of the registration, replaced by each later
 * correction, opened with the client's key. Read from the client's own stream (an exact-key read of
 * the event store): the read models hold no personal data. Once the client is erased, every detail
 * reads as erased (null) and {@code erasedAt} says when.
 */
public final class ClientPersonalDetails {

    /** What the API answers; {@code clinicId} is the clinic the client is registered with. */
    public record OnRecord(
            String clientId,
            String clinicId,
            String fullName,
            LocalDate dateOfBirth,
            String email,
            String phone,
            long corrections,
            boolean erased,
            Instant erasedAt) {}

    private final OpenedRecords records;

    public ClientPersonalDetails(OpenedRecords records) {
        this.records = records;
    }

    public Optional<OnRecord> of(String clientId) {
        Collection<OpenedRecords.Opened> events = records.of(clientId).values();
        Iterator<OpenedRecords.Opened> stream = events.iterator();
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        OpenedRecords.Opened first = stream.next();
        if (first.type() != ClientRegistered.class) {
            return Optional.empty();
        }
        JsonNode details = first.payload().get("personalDetails");
        long corrections = 0;
        Instant erasedAt = null;
        while (stream.hasNext()) {
            OpenedRecords.Opened event = stream.next();
            if (event.type() == ClientDetailsCorrected.class) {
                details = event.payload().get("personalDetails");
                corrections++;
            } else if (event.type() == ClientPersonalDataErased.class) {
                erasedAt = Instant.parse(event.payload().path("erasedAt").asText());
            }
        }
        boolean erased = first.erased() || erasedAt != null;
        if (erased) {
            details = null;
        }
        return Optional.of(new OnRecord(
                clientId,
                first.payload().path("clinicId").asText(),
                text(details, "fullName"),
                details == null || text(details, "dateOfBirth") == null
                        ? null
                        : LocalDate.parse(text(details, "dateOfBirth")),
                text(details, "email"),
                text(details, "phone"),
                corrections,
                erased,
                erasedAt));
    }

    private static String text(JsonNode details, String field) {
        if (details == null || details.get(field) == null || details.get(field).isNull()) {
            return null;
        }
        return details.get(field).asText();
    }
}
