package org.smpledger.app.query;

import java.util.Collection;
import java.util.function.Supplier;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.security.StaffMember;

/**
 * Confines an answer to the caller's clinic: a record of another clinic is answered exactly as an
 * unknown one (the same 404), and the access log learns which record was shown or refused.
 */
final class CallersClinic {

    private CallersClinic() {}

    /** {@code found} when it belongs to the caller's clinic (noted as read), else the unknown record's 404. */
    static <T> T shown(
            T found,
            String owner,
            StaffMember caller,
            String kind,
            String id,
            String detail,
            Supplier<ProblemException> asUnknown) {
        if (owner == null || !owner.equals(caller.clinicId())) {
            if (owner != null) {
                AccessAttempt.current().ifPresent(attempt -> attempt.otherClinic(kind, id, owner, detail));
            }
            throw asUnknown.get();
        }
        read(kind, id, owner, detail);
        return found;
    }

    static void read(String kind, String id, String clinicId, String detail) {
        AccessAttempt.current().ifPresent(attempt -> attempt.read(kind, id, clinicId, detail));
    }

    static void named(Collection<String> clientIds) {
        AccessAttempt.current().ifPresent(attempt -> attempt.named(clientIds));
    }
}
