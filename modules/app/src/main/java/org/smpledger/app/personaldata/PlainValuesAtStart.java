package org.smpledger.app.personaldata;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.personaldata.PlainValuesSealing;

/**
 * Seals the personal values that earlier versions stored in plain text, once per store and run, while
 * the service starts: every bean is made before any event processor runs, so the verifiable log's tree
 * is built over the sealed bytes. Plain values in events the tree already covers stop the start when a
 * store first meets encryption; the reasons marked personal later are left there and counted
 * (docs/security.md, "Events stored before encryption").
 */
final class PlainValuesAtStart {

    private static final Logger log = LoggerFactory.getLogger(PlainValuesAtStart.class);

    PlainValuesAtStart(Function<PlainValuesSealing.Run, PlainValuesSealing> sealing, long coveredPositions) {
        for (PlainValuesSealing.Run run : PlainValuesSealing.Run.values()) {
            PlainValuesSealing.Outcome outcome = sealing.apply(run).run(coveredPositions);
            if (!outcome.ranBefore() && outcome.commitsRewritten() > 0) {
                log.warn(
                        "Sealed {} personal value(s) stored in plain text by an earlier version and removed {} of"
                                + " erased clients, in {} stored commit(s) of {} client(s) ({}); replay the projections"
                                + " once (docs/security.md, \"Events stored before encryption\")",
                        outcome.valuesSealed(),
                        outcome.valuesRemoved(),
                        outcome.commitsRewritten(),
                        outcome.clients().size(),
                        run);
            }
            if (!outcome.ranBefore() && outcome.coveredEventsLeft() > 0) {
                log.warn(
                        "{} stored event(s) keep reasons of corrections or overrides in plain text: the verifiable"
                                + " log covers them, so they are not rewritten; the service reads them as withheld,"
                                + " but the stored bytes keep them (docs/security.md, \"Events stored before"
                                + " encryption\")",
                        outcome.coveredEventsLeft());
            }
        }
    }
}
