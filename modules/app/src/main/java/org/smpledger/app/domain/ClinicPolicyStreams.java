package org.smpledger.app.domain;

import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicPolicyHistory;

/**
 * A clinic's adopted policies, read from its own stream in the event store (an exact-key read,
 * always current): what the treatment records are judged by and what the policy endpoints show.
 */
public class ClinicPolicyStreams {

    private final Supplier<EventStore> eventStore;
    private final ClinicPolicy deploymentDefault;

    ClinicPolicyStreams(Supplier<EventStore> eventStore, ClinicPolicy deploymentDefault) {
        this.eventStore = eventStore;
        this.deploymentDefault = deploymentDefault;
    }

    /** The events of one policy stream ({@link ClinicPolicyEvent#streamIdOf}). */
    List<ClinicPolicyEvent> stream(String streamId) {
        return eventStore
                .get()
                .readEvents(streamId)
                .asStream()
                .map(EventMessage::getPayload)
                .filter(ClinicPolicyEvent.class::isInstance)
                .map(ClinicPolicyEvent.class::cast)
                .toList();
    }

    public ClinicPolicyHistory history(String clinicId) {
        return ClinicPolicyHistory.of(
                clinicId, deploymentDefault.rules(), stream(ClinicPolicyEvent.streamIdOf(clinicId)));
    }

    public ClinicPolicy deploymentDefault() {
        return deploymentDefault;
    }
}
