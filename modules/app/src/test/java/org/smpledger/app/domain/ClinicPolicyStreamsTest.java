package org.smpledger.app.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.policy.ClinicPolicy;
import org.smpledger.events.clinic.ClinicPolicyAdopted;
import org.smpledger.events.clinic.ClinicPolicyEvent;
import org.smpledger.events.clinic.ClinicRules;

class ClinicPolicyStreamsTest {

    private static final String CLINIC = "clinic-north";
    private static final String STREAM = ClinicPolicyEvent.streamIdOf(CLINIC);

    /** The sequence numbers each read of the store started from. */
    private final List<Long> readsFrom = new ArrayList<>();

    private final EmbeddedEventStore store =
            new EmbeddedEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())) {
                @Override
                public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
                    readsFrom.add(firstSequenceNumber);
                    return super.readEvents(aggregateIdentifier, firstSequenceNumber);
                }
            };

    private final ClinicPolicyStreams streams = new ClinicPolicyStreams(() -> store, ClinicPolicy.DEFAULTS);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aPolicyAdoptedAfterAReadIsSeenByTheNextRead() {
        adopt(0, 1, 20);
        assertThat(streams.history(CLINIC).adoptions()).hasSize(1);

        adopt(1, 2, 30);

        assertThat(streams.history(CLINIC).adoptions()).hasSize(2);
        assertThat(streams.stream(STREAM))
                .extracting(event -> ((ClinicPolicyAdopted) event).version())
                .containsExactly(1, 2);
    }

    @Test
    void eachReadAsksOnlyForTheEventsAfterTheLastOneRead() {
        assertThat(streams.stream(STREAM)).isEmpty();
        adopt(0, 1, 20);
        adopt(1, 2, 30);
        streams.stream(STREAM);
        streams.stream(STREAM);
        adopt(2, 3, 40);
        assertThat(streams.stream(STREAM)).hasSize(3);

        assertThat(readsFrom).containsExactly(0L, 0L, 2L, 2L);
    }

    private void adopt(long sequence, int version, int daysBetween) {
        ClinicRules rules = ClinicPolicy.DEFAULT_RULES.withSessions(new ClinicRules.Sessions(daysBetween, 4));
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version * 86_400L);
        store.publish(new GenericDomainEventMessage<>(
                "ClinicRuleBook",
                STREAM,
                sequence,
                new ClinicPolicyAdopted(
                        CLINIC,
                        ClinicPolicyAdopted.policyIdOf(CLINIC, version),
                        version,
                        at,
                        "admin-1",
                        at,
                        rules,
                        "our interval")));
    }
}
