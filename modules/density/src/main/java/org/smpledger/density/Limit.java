package org.smpledger.density;

/** The over-layering limits a zone can reach. Ids appear in API problems and explanations. */
public enum Limit {
    DENSITY_CEILING("density-ceiling"),
    SESSIONS_PER_COURSE("session-limit"),
    MEAN_DOT_SPACING("dot-spacing");

    private final String id;

    Limit(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
