package org.smpledger.app.audit;

import org.smpledger.treatmentlog.CheckpointKey;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up without a usable checkpoint key ends with one line saying why and what to set, not a stack trace. */
class CheckpointKeyUnavailable extends AbstractFailureAnalyzer<CheckpointKey.Unavailable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CheckpointKey.Unavailable cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Give the verifiable log's Ed25519 signing key: smp.verifiable-log.key.private-key (SMP_LOG_PRIVATE_KEY), "
                        + "key.keystore (SMP_LOG_KEYSTORE) or key.file (SMP_LOG_KEY_FILE); see docs/operations.md.",
                cause);
    }
}
