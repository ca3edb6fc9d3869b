package org.smpledger.events;

/** The kinds of event stream. Each has its own stream id and, downstream, its own topic. */
public enum StreamType {
    /** One stream per client: the whole course of treatment. Stream id = client id. */
    TREATMENT_RECORD("treatment-records"),
    /** One stream per pigment lot: received, recalled. Stream id = lot id. */
    PIGMENT_LOT("pigment-lots"),
    /** One stream per clinic: the policies it adopted. Stream id = {@code clinic-policy:<clinic id>}. */
    CLINIC_POLICY("clinic-policies");

    private final String topicStem;

    StreamType(String topicStem) {
        this.topicStem = topicStem;
    }

    /** The stem of the default topic name, e.g. {@code smp.treatment-records.v1}. */
    public String topicStem() {
        return topicStem;
    }
}
