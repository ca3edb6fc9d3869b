package org.smpledger.web;

import java.time.Instant;
import java.util.Map;

/**
 * The target density per zone of a client's treatment plan, as it stood at {@code asOf} (null:
 * now), for the charts' target line. The service provides it once treatment plans are recorded;
 * without it the charts draw no target line and say so.
 */
@FunctionalInterface
public interface PlanTargets {

    /** Zone name ({@code CROWN}) to target density, empty when the client has no plan. */
    Map<String, Double> targets(String clientId, Instant asOf);
}
