package org.smpledger.density;

/** One limit a zone is near or past, with the numbers and the explanation in the clinic's words. */
public record Finding(Limit limit, RiskLevel level, double actual, double limitValue, String explanation) {}
