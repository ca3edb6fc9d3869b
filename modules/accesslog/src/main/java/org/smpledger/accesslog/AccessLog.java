package org.smpledger.accesslog;

/** Where accesses are recorded. Recording never blocks a request for long and never fails it. */
public interface AccessLog {

    /** Queues the record for writing; false when it could not be queued (and is lost: counted and logged). */
    boolean record(AccessRecord record);
}
