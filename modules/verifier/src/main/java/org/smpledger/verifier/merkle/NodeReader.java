package org.smpledger.verifier.merkle;

import java.util.Collection;
import java.util.Map;

/** Where stored perfect-subtree hashes come from (MongoDB, memory). */
@FunctionalInterface
public interface NodeReader {

    /** The hashes of the given nodes; a node that is not stored is absent from the answer. */
    Map<NodeId, Hash> read(Collection<NodeId> nodes);
}
