package org.smpledger.app.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicPolicyHistory;

/**
 * A clinic's adopted policies, read from its own stream in the event store (always current): what
 * the treatment records are judged by and what the policy endpoints show.
 * <p>
 * The events read are kept per stream with the stream's last sequence number, and each read asks the
 * store only for events after it (one exact-key read that finds nothing while no policy was adopted),
 * so a command does not read and deserialize the clinic's whole policy history every time. A stream's
 * events never change once stored, so what is kept stays true; one entry per clinic.
 */
public class ClinicPolicyStreams {

    private final Supplier<EventStore> eventStore;
    private final ClinicPolicy deploymentDefault;
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    /** The events of a stream up to {@code lastSequence} (-1: none yet). */
    private record Read(long lastSequence, List<ClinicPolicyEvent> events) {}

    ClinicPolicyStreams(Supplier<EventStore> eventStore, ClinicPolicy deploymentDefault) {
        this.eventStore = eventStore;
        this.deploymentDefault = deploymentDefault;
    }

    /** The events of one policy stream ({@link ClinicPolicyEvent#streamIdOf}). */
    List<ClinicPolicyEvent> stream(String streamId) {
        Read known = read.getOrDefault(streamId, new Read(-1, List.of()));
        DomainEventStream newer = eventStore.get().readEvents(streamId, known.lastSequence() + 1);
        List<ClinicPolicyEvent> added = new ArrayList<>();
        newer.asStream()
                .filter(event -> event.getPayload() instanceof ClinicPolicyEvent)
                .forEach(event -> added.add((ClinicPolicyEvent) event.getPayload()));
        Long last = newer.getLastSequenceNumber();
        if (last == null || last <= known.lastSequence()) {
            return known.events();
        }
        List<ClinicPolicyEvent> events = new ArrayList<>(known.events());
        events.addAll(added);
        Read current = new Read(last, List.copyOf(events));
        read.merge(streamId, current, (kept, fresh) -> fresh.lastSequence() >= kept.lastSequence() ? fresh : kept);
        return current.events();
    }

    public ClinicPolicyHistory history(String clinicId) {
        return ClinicPolicyHistory.of(
                clinicId, deploymentDefault.rules(), stream(ClinicPolicyEvent.streamIdOf(clinicId)));
    }

    public ClinicPolicy deploymentDefault() {
        return deploymentDefault;
    }
}
