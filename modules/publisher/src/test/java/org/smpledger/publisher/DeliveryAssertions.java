package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;

/** What downstream must be able to rely on, checked against what was stored. */
final class DeliveryAssertions {

    private DeliveryAssertions() {}

    /**
     * After dropping records whose CloudEvents id was seen before, every stored event arrived exactly
     * once, and each stream's events arrived in stream order. Duplicates carry the same id and the
     * same content. Returns the number of duplicates dropped.
     */
    static int assertEveryEventOnceInStreamOrder(
            List<? extends DomainEventMessage<?>> stored, List<ConsumerRecord<String, CloudEvent>> received) {
        Map<String, CloudEvent> firstById = new LinkedHashMap<>();
        Map<String, List<Long>> sequencesBySubject = new HashMap<>();
        int duplicates = 0;
        for (ConsumerRecord<String, CloudEvent> record : received) {
            CloudEvent event = record.value();
            assertThat(record.key()).as("record key is the stream id").isEqualTo(event.getSubject());
            CloudEvent first = firstById.putIfAbsent(event.getId(), event);
            if (first != null) {
                duplicates++;
                assertSameContent(event, first);
                continue;
            }
            sequencesBySubject
                    .computeIfAbsent(event.getSubject(), s -> new ArrayList<>())
                    .add(Long.parseLong(String.valueOf(event.getExtension(CloudEventMapper.STREAM_SEQUENCE))));
        }
        Set<String> storedIds =
                stored.stream().map(DomainEventMessage::getIdentifier).collect(Collectors.toSet());
        assertThat(firstById.keySet()).as("distinct ids received").containsExactlyInAnyOrderElementsOf(storedIds);
        Map<String, List<Long>> storedPerStream = stored.stream()
                .collect(Collectors.groupingBy(
                        DomainEventMessage::getAggregateIdentifier,
                        Collectors.mapping(DomainEventMessage::getSequenceNumber, Collectors.toList())));
        storedPerStream.forEach((stream, sequences) -> assertThat(sequencesBySubject.get(stream))
                .as("events of %s in stream order", stream)
                .isEqualTo(sequences.stream().sorted().toList()));
        return duplicates;
    }

    /** A republished record is the same CloudEvent: every attribute, extension and byte of data. */
    private static void assertSameContent(CloudEvent again, CloudEvent first) {
        String id = first.getId();
        assertThat(again.getSpecVersion()).as("specversion of %s", id).isEqualTo(first.getSpecVersion());
        assertThat(again.getType()).as("type of %s", id).isEqualTo(first.getType());
        assertThat(again.getSource()).as("source of %s", id).isEqualTo(first.getSource());
        assertThat(again.getSubject()).as("subject of %s", id).isEqualTo(first.getSubject());
        assertThat(again.getTime()).as("time of %s", id).isEqualTo(first.getTime());
        assertThat(again.getDataContentType()).as("content type of %s", id).isEqualTo(first.getDataContentType());
        assertThat(again.getExtensionNames()).as("extensions of %s", id).isEqualTo(first.getExtensionNames());
        first.getExtensionNames()
                .forEach(name -> assertThat(again.getExtension(name))
                        .as("%s of %s", name, id)
                        .isEqualTo(first.getExtension(name)));
        assertThat(Arrays.equals(again.getData().toBytes(), first.getData().toBytes()))
                .as("data of %s", id)
                .isTrue();
    }
}
