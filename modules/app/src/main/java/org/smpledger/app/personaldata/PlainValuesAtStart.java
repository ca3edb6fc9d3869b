package org.smpledger.app.personaldata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.personaldata.PlainValuesSealing;

/**
 * Seals the personal values that a version without encryption stored in plain text, once per store,
 * while the service starts: every bean is made before any event processor runs, so the verifiable
 * log's tree is built over the sealed bytes. Plain values in events the tree already covers stop the
 * start (docs/security.md, "Events stored before encryption").
 */
final class PlainValuesAtStart {

    private static final Logger log = LoggerFactory.getLogger(PlainValuesAtStart.class);

    PlainValuesAtStart(PlainValuesSealing sealing, long coveredPositions) {
        PlainValuesSealing.Outcome outcome = sealing.run(coveredPositions);
        if (!outcome.ranBefore() && outcome.commitsRewritten() > 0) {
            log.warn(
                    "Sealed {} personal value(s) stored in plain text by an earlier version and removed {} of erased"
                            + " clients, in {} stored commit(s) of {} client(s); replay the projections once"
                            + " (docs/security.md, \"Events stored before encryption\")",
                    outcome.valuesSealed(),
                    outcome.valuesRemoved(),
                    outcome.commitsRewritten(),
                    outcome.clients().size());
        }
    }
}
