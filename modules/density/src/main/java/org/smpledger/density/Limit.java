package org.smpledger.density;

/**
 * What a zone's level is judged by. The first four are limits (past one is HIGH, and the guard
 * refuses a session that would pass it without an override reason); the treatment plan is not a
 * limit: going beyond it is WATCH. Ids appear in API problems and explanations.
 */
public enum Limit {
    DENSITY_CEILING("density-ceiling"),
    SESSIONS_PER_COURSE("session-limit"),
    DOSE_PER_SESSION("dose-per-session"),
    DOT_SPACING("dot-spacing"),
    TREATMENT_PLAN("treatment-plan");

    private final String id;

    Limit(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
