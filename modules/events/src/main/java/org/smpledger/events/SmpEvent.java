package org.smpledger.events;

/**
 * Every published event. Each carries the id of the stream it belongs to. The stream interfaces
 * ({@code TreatmentRecordEvent}, {@code PigmentLotEvent}, {@code ClinicPolicyEvent}) are sealed; {@link EventCatalog} lists them all.
 */
public interface SmpEvent {

    /**
     * The client id for treatment-record events, the lot id for pigment-lot events,
     * {@code clinic-policy:<clinic id>} for a clinic's policies.
     */
    String streamId();

    static EventType typeOf(Class<? extends SmpEvent> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return type;
    }
}
