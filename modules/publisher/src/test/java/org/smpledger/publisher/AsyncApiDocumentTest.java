package org.smpledger.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.EventType;
import org.smpledger.events.FieldMarks;
import org.smpledger.events.SmpEvent;
import org.smpledger.events.StreamType;

/** docs/asyncapi.yaml stays a valid AsyncAPI 3 document that names every published event type. */
class AsyncApiDocumentTest {

    @Test
    void describesEveryTopicAndAMessagePerEventTypeOnItsStreamsChannel() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("../../docs/asyncapi.yaml").toFile());
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        assertThat(doc.at("/channels/treatmentRecords/address").asText())
                .isEqualTo(TopicNames.defaultName(StreamType.TREATMENT_RECORD));
        assertThat(doc.at("/channels/pigmentLots/address").asText())
                .isEqualTo(TopicNames.defaultName(StreamType.PIGMENT_LOT));
        assertThat(doc.at("/channels/clinicPolicies/address").asText())
                .isEqualTo(TopicNames.defaultName(StreamType.CLINIC_POLICY));
        for (Class<? extends SmpEvent> type : EventCatalog.all()) {
            EventType annotation = SmpEvent.typeOf(type);
            JsonNode message = doc.at("/components/messages/" + annotation.name());
            assertThat(message.path("name").asText())
                    .as(annotation.name())
                    .isEqualTo(CloudEventMapper.cloudEventType(type));
            String channel = switch (annotation.stream()) {
                case TREATMENT_RECORD -> "treatmentRecords";
                case PIGMENT_LOT -> "pigmentLots";
                case CLINIC_POLICY -> "clinicPolicies";
            };
            assertThat(doc.at("/channels/" + channel + "/messages/" + annotation.name())
                            .isMissingNode())
                    .as("%s on channel %s", annotation.name(), channel)
                    .isFalse();
            assertThat(message.at("/payload/properties").toString()).doesNotContain("personalDetails");
            for (EventDescription.MarkedField marked :
                    EventCatalog.describe(type).markedFields()) {
                String field = marked.path().split("[.\\[]")[0];
                if (!marked.perEntry()
                        && marked.path().equals(field)
                        && marked.marks().publication() != FieldMarks.Publication.PUBLIC) {
                    assertThat(message.at("/payload/properties/" + field).isMissingNode())
                            .as("%s.%s is not on the public topic", annotation.name(), field)
                            .isTrue();
                }
            }
        }
    }
}
