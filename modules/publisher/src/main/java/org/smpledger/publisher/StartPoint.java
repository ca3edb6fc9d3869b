package org.smpledger.publisher;

/** Where a publisher without a stored token starts reading the event store. */
public enum StartPoint {
    /** The first event ever stored: a first start publishes the whole history. */
    BEGINNING,
    /** The head of the store at first start: only events stored from then on are published. */
    NOW
}
