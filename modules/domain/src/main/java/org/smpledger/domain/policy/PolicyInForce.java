package org.smpledger.domain.policy;

/**
 * The policy that judges something happening at one instant: its version (0: the deployment's
 * configuration), who adopted it and since when, in words ({@code label}), and its rules.
 */
public record PolicyInForce(int version, String label, ClinicPolicy policy) {}
