package org.smpledger.events.treatment;

import java.time.Instant;
import java.util.List;
import org.smpledger.events.EventType;
import org.smpledger.events.StreamType;

/** The agreed hairline and the zones the course will pigment. */
@EventType(name = "HairlineDesigned", stream = StreamType.TREATMENT_RECORD)
public record HairlineDesigned(
        String clientId,
        String designId,
        Instant designedAt,
        String practitionerId,
        String style,
        String description,
        List<ScalpZone> plannedZones,
        String approvedByClient)
        implements TreatmentRecordEvent {}
