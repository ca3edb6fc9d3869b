package org.smpledger.domain.treatment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.smpledger.events.treatment.PatchTestRecorded.Result;

/** The brand is not sent: it is the tested lot's brand. */
public record RecordPatchTest(
        @TargetAggregateIdentifier String clientId,
        Long expectedVersion,
        String patchTestId,
        String lotId,
        String site,
        Instant appliedAt,
        Instant readAt,
        Result result,
        String findings,
        String waiverReason,
        String practitionerId) {}
