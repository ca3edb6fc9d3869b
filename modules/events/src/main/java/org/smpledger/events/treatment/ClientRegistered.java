package org.smpledger.events.treatment;

import java.time.Instant;
import org.smpledger.events.EventType;
import org.smpledger.events.StreamType;

/** A client's treatment record is opened. The first event of every client stream. */
@EventType(name = "ClientRegistered", stream = StreamType.TREATMENT_RECORD)
public record ClientRegistered(String clientId, String clinicId, PersonalDetails personalDetails, Instant registeredAt)
        implements TreatmentRecordEvent {}
