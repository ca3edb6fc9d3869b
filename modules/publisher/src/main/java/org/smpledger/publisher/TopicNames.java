package org.smpledger.publisher;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.smpledger.events.StreamType;

/** The topic each stream type is published to. Default: {@code smp.<stem>.v1}, e.g. {@code smp.treatment-records.v1}. */
public record TopicNames(String treatmentRecords, String pigmentLots) {

    public TopicNames {
        requireName(treatmentRecords, "treatmentRecords");
        requireName(pigmentLots, "pigmentLots");
        if (treatmentRecords.equals(pigmentLots)) {
            throw new IllegalArgumentException(
                    "each stream type needs its own topic, got " + treatmentRecords + " twice");
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(defaultName(StreamType.TREATMENT_RECORD), defaultName(StreamType.PIGMENT_LOT));
    }

    public static String defaultName(StreamType stream) {
        return "smp." + stream.topicStem() + ".v1";
    }

    public String topicFor(StreamType stream) {
        return switch (stream) {
            case TREATMENT_RECORD -> treatmentRecords;
            case PIGMENT_LOT -> pigmentLots;
        };
    }

    public Map<StreamType, String> all() {
        Map<StreamType, String> all = new EnumMap<>(StreamType.class);
        for (StreamType stream : StreamType.values()) {
            all.put(stream, topicFor(stream));
        }
        return all;
    }

    private static void requireName(String name, String field) {
        Objects.requireNonNull(name, field);
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("not a valid Kafka topic name for " + field + ": '" + name + "'");
        }
    }
}
