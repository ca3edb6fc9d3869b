package org.smpledger.events.clinic;

import org.smpledger.events.SmpEvent;

/**
 * An event in one clinic's policy stream. Its stream id is {@link #streamIdOf} the clinic id: the
 * prefix keeps it apart from client and lot ids, which never contain a colon.
 */
public sealed interface ClinicPolicyEvent extends SmpEvent permits ClinicPolicyAdopted {

    String PREFIX = "clinic-policy:";

    String clinicId();

    @Override
    default String streamId() {
        return streamIdOf(clinicId());
    }

    static String streamIdOf(String clinicId) {
        return PREFIX + clinicId;
    }

    /** Calls the visitor's method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per clinic-policy event type: see {@code TreatmentRecordEvent.Visitor}. */
    interface Visitor<R> {
        R visit(ClinicPolicyAdopted event);
    }
}
