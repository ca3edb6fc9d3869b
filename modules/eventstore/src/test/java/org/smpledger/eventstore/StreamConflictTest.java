package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smpledger.eventstore.Events.*;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamConflictTest {

    private final MongoDatabase database = TestStores.freshDatabase("conflict");
    private final MongoCommitStorageEngine firstWriter =
            TestStores.engineOn(database).build();
    private final MongoCommitStorageEngine secondWriter =
            TestStores.engineOn(database).build();

    @AfterEach
    void drop() {
        database.drop();
    }

    @Test
    void secondWriterAtTheSameStreamVersionGetsAConcurrencyExceptionAndStoresNothing() {
        String client = newClient();
        firstWriter.appendEvents(notesFor(client, 0, 3));
        firstWriter.appendEvents(notesFor(client, 3, 2));

        assertThatThrownBy(() -> secondWriter.appendEvents(notesFor(client, 3, 2)))
                .isInstanceOf(ConcurrencyException.class)
                .isNotInstanceOf(AggregateStreamCreationException.class);

        assertThat(firstWriter.readEvents(client).asStream()).hasSize(5);
        assertThat(database.getCollection("event_commits").countDocuments()).isEqualTo(2);
    }

    @Test
    void creatingAStreamThatExistsFailsWithAggregateStreamCreationException() {
        String client = newClient();
        firstWriter.appendEvents(noteFor(client, 0));

        assertThatThrownBy(() -> secondWriter.appendEvents(notesFor(client, 0, 2)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(firstWriter.readEvents(client).asStream()).hasSize(1);
    }

    @Test
    void conflictOnAnyEventOfACommitRejectsTheWholeCommit() {
        String client = newClient();
        String other = newClient();
        firstWriter.appendEvents(notesFor(client, 0, 2));

        assertThatThrownBy(() -> secondWriter.appendEvents(noteFor(other, 0), noteFor(client, 1)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(firstWriter.readEvents(other).asStream()).isEmpty();
    }

    @Test
    void anEventIdentifierIsStoredOnlyOnce() {
        GenericDomainEventMessage<String> event =
                new GenericDomainEventMessage<>("TreatmentRecord", newClient(), 0, "x");
        firstWriter.appendEvents(event);
        GenericDomainEventMessage<String> sameIdOtherStream = new GenericDomainEventMessage<>(
                "TreatmentRecord",
                newClient(),
                4,
                "y",
                event.getMetaData(),
                event.getIdentifier(),
                event.getTimestamp());

        assertThatThrownBy(() -> secondWriter.appendEvents(sameIdOtherStream)).isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void aRejectedAppendLeavesNoGapSoProcessorsReadOnWithoutStalling() {
        String client = newClient();
        firstWriter.appendEvents(notesFor(client, 0, 2));
        assertThatThrownBy(() -> secondWriter.appendEvents(notesFor(client, 1, 3)))
                .isInstanceOf(ConcurrencyException.class);
        secondWriter.appendEvents(notesFor(client, 2, 1));
        firstWriter.appendEvents(notesFor(newClient(), 0, 1));

        List<? extends TrackedEventMessage<?>> all =
                secondWriter.readEvents(secondWriter.createTailToken(), false).toList();

        assertThat(all)
                .extracting(e -> e.trackingToken().position().getAsLong())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(e -> (Object) e.getPayload()).startsWith("note 0", "note 1", "note 2");
    }
}
