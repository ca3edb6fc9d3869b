package org.smpledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smpledger.eventstore.Events.newClient;
import static org.smpledger.eventstore.Events.notesFor;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading one stream by id also tells where each event stands in the global order (for auditors). */
class StreamReadPositionsTest {

    private final MongoDatabase database = TestStores.freshDatabase("positions");

    @AfterEach
    void drop() {
        database.drop();
    }

    @Test
    void aStreamReadGivesEachEventTheGlobalPositionAProcessorSeesForIt() {
        MongoCommitStorageEngine engine = TestStores.engineOn(database).build();
        String ana = newClient();
        String ben = newClient();
        engine.appendEvents(notesFor(ana, 0, 2));
        engine.appendEvents(notesFor(ben, 0, 3));
        engine.appendEvents(notesFor(ana, 2, 1));

        Map<String, Long> positionSeenByProcessor = engine.readEvents(engine.createTailToken(), false)
                .collect(Collectors.toMap(
                        TrackedEventMessage::getIdentifier,
                        e -> e.trackingToken().position().getAsLong()));
        List<? extends DomainEventMessage<?>> anasEvents =
                engine.readEvents(ana).asStream().toList();

        assertThat(anasEvents).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(anasEvents).allSatisfy(event -> assertThat(event).isInstanceOf(TrackedEventMessage.class));
        assertThat(anasEvents)
                .extracting(event -> ((TrackedEventMessage<?>) event)
                        .trackingToken()
                        .position()
                        .getAsLong())
                .containsExactly(1L, 2L, 6L)
                .containsExactlyElementsOf(anasEvents.stream()
                        .map(e -> positionSeenByProcessor.get(e.getIdentifier()))
                        .toList());
    }
}
