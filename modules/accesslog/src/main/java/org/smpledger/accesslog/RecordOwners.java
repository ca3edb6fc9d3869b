package org.smpledger.accesslog;

import java.util.Optional;

/**
 * Finds which clinic a record belongs to, for refused accesses that named a record the caller's
 * clinic does not have: then the owning clinic's auditors see the attempt too. Called by the
 * writer, off the request path.
 */
@FunctionalInterface
public interface RecordOwners {

    /** The clinic of the record of this kind (client, lot) and id; empty when there is none. */
    Optional<String> clinicOf(String kind, String id);

    static RecordOwners none() {
        return (kind, id) -> Optional.empty();
    }
}
