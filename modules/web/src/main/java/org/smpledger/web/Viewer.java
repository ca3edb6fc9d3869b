package org.smpledger.web;

/** Who is looking at a page, as the templates need it: what a page shows and offers follows from this. */
public record Viewer(
        String userId,
        String clinicId,
        String roles,
        boolean practitioner,
        boolean auditor,
        boolean analyst,
        boolean admin,
        boolean maySeeNames) {

    /** Timelines, risk and the map: practitioners, auditors and analysts (clinic-admins read lists only). */
    public boolean maySeeRecords() {
        return practitioner || auditor || analyst;
    }
}
