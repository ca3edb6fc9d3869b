package org.smpledger.publisher;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.smpledger.events.StreamType;

/** The topic each stream type is published to. Default: {@code smp.<stem>.v1}, e.g. {@code smp.treatment-records.v1}. */
public record TopicNames(String treatmentRecords, String pigmentLots, String clinicPolicies) {

    public TopicNames {
        requireName(treatmentRecords, "treatmentRecords");
        requireName(pigmentLots, "pigmentLots");
        requireName(clinicPolicies, "clinicPolicies");
        if (new HashSet<>(List.of(treatmentRecords, pigmentLots, clinicPolicies)).size() < 3) {
            throw new IllegalArgumentException("each stream type needs its own topic, got %s, %s and %s"
                    .formatted(treatmentRecords, pigmentLots, clinicPolicies));
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(
                defaultName(StreamType.TREATMENT_RECORD),
                defaultName(StreamType.PIGMENT_LOT),
                defaultName(StreamType.CLINIC_POLICY));
    }

    public static String defaultName(StreamType stream) {
        return "smp." + stream.topicStem() + ".v1";
    }

    public String topicFor(StreamType stream) {
        return switch (stream) {
            case TREATMENT_RECORD -> treatmentRecords;
            case PIGMENT_LOT -> pigmentLots;
            case CLINIC_POLICY -> clinicPolicies;
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
