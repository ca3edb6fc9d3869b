package org.smpledger.publisher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.smpledger.events.StreamType;

/**
 * The topic each stream type is published to (default: {@code smp.<stem>.v1}, e.g.
 * {@code smp.treatment-records.v1}), and the clinical topic of treatment records, with free text and
 * health facts, when one is named ({@code clinicalRecords}; null: none, the default).
 */
public record TopicNames(String treatmentRecords, String pigmentLots, String clinicPolicies, String clinicalRecords) {

    /** The default name of the clinical topic, when one is turned on. */
    public static final String CLINICAL_DEFAULT = "smp.treatment-records.clinical.v1";

    public TopicNames {
        requireName(treatmentRecords, "treatmentRecords");
        requireName(pigmentLots, "pigmentLots");
        requireName(clinicPolicies, "clinicPolicies");
        List<String> named = new ArrayList<>(List.of(treatmentRecords, pigmentLots, clinicPolicies));
        if (clinicalRecords != null) {
            requireName(clinicalRecords, "clinicalRecords");
            named.add(clinicalRecords);
        }
        if (new HashSet<>(named).size() < named.size()) {
            throw new IllegalArgumentException("each topic needs its own name, got " + String.join(", ", named));
        }
    }

    /** The public topics only. */
    public TopicNames(String treatmentRecords, String pigmentLots, String clinicPolicies) {
        this(treatmentRecords, pigmentLots, clinicPolicies, null);
    }

    public TopicNames withClinicalRecords(String name) {
        return new TopicNames(treatmentRecords, pigmentLots, clinicPolicies, name);
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

    /** Every topic the publisher writes: the public ones and the clinical one when named. */
    public List<String> written() {
        List<String> written = new ArrayList<>(all().values());
        if (clinicalRecords != null) {
            written.add(clinicalRecords);
        }
        return written;
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
