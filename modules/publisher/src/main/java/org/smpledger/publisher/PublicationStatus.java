package org.smpledger.publisher;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A snapshot of the publication, for health checks and operators.
 *
 * @param state             see {@link State}
 * @param healthy           false when the processor is not running, or has been failing for longer than allowed
 * @param lag               events stored but not yet published (empty when it cannot be told)
 * @param headPosition      global position of the newest stored event (empty for an empty store)
 * @param publishedPosition global position up to which everything is acknowledged by Kafka (empty if unknown)
 * @param publishedEvents   events acknowledged by Kafka since this service started
 * @param failingSince      when the current run of failures began (null while publishing works)
 * @param lastError         the last failure's message (null if none since the last success)
 */
public record PublicationStatus(
        State state,
        boolean healthy,
        OptionalLong lag,
        OptionalLong headPosition,
        OptionalLong publishedPosition,
        long publishedEvents,
        Instant failingSince,
        String lastError) {

    public enum State {
        /** Every stored event is published. */
        CAUGHT_UP,
        /** Publishing, with events still to go (e.g. backfilling history, or after an outage). */
        CATCHING_UP,
        /** Sends fail (e.g. Kafka down); the processor retries with back-off, commands are unaffected. */
        RETRYING,
        /** The processor is not running (not started, shut down, or not registered). */
        STOPPED
    }
}
