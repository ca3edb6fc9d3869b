package org.smpledger.processing;

import java.time.Instant;
import java.util.List;

/**
 * The tokens of a processor as the token store holds them, read without claiming anything: what
 * every instance sees, whichever holds the segments. The basis of lag and status on an instance
 * that stands by.
 */
public interface StoredTokens {

    /** Every segment token stored for the processor (empty when it has none yet). */
    List<SegmentToken> segments(String processorName);

    /** Deletes every segment token of the processor, whoever holds or held their claims. */
    void delete(String processorName);

    /**
     * One segment's token: its position (-1 before the first event), the owner of its claim (null
     * when released) and when the claim was last taken or extended.
     */
    record SegmentToken(int segment, long position, String owner, Instant claimedAt) {}
}
