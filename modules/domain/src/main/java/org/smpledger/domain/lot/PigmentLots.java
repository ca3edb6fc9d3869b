package org.smpledger.domain.lot;

import java.util.Optional;

/**
 * Where a treatment record looks up the lots a session or patch test uses. The app answers from
 * each lot's own event stream (an exact-key read, always current), never from a projection.
 */
public interface PigmentLots {

    Optional<LotFacts> find(String lotId);
}
