package org.smpledger.app.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.ProblemType;
import org.smpledger.app.http.Problems;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.treatmentlog.AuditRefusal;
import org.smpledger.treatmentlog.LogAudit;
import org.smpledger.verifier.Fault;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Checkpoint;
import org.smpledger.verifier.checkpoint.KeyFiles;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditors: the verifiable log's checkpoints, inclusion and consistency proofs, and a verification
 * of the raw store (docs/verifiable-log.md). The log is one for the whole deployment: answers hold
 * positions, sizes and hashes, never an event's content.
 */
@RestController
class AuditLogController {

    private final ObjectProvider<LogAudit> audit;

    AuditLogController(ObjectProvider<LogAudit> audit) {
        this.audit = audit;
    }

    /** A signed checkpoint: the tree's size, root and time, and the signed note itself (what a verifier reads). */
    record CheckpointView(String origin, long size, String rootHash, Instant time, String note) {

        static CheckpointView of(SignedCheckpoint signed) {
            Checkpoint checkpoint = signed.checkpoint();
            return new CheckpointView(
                    checkpoint.origin(),
                    checkpoint.size(),
                    checkpoint.root().base64(),
                    checkpoint.time(),
                    signed.text());
        }
    }

    record LogKeyView(String origin, String verifierKey, String publicKeyPem) {}

    record InclusionView(
            long position,
            long leafIndex,
            long treeSize,
            String rootHash,
            List<String> auditPath,
            CheckpointView checkpoint,
            String proof) {}

    record ConsistencyView(
            long from, long to, String fromRootHash, String toRootHash, List<String> path, String proof) {}

    record FaultView(String kind, Long position, String detail) {

        static FaultView of(Fault fault) {
            return new FaultView(fault.kind().name(), fault.located() ? fault.position() : null, fault.detail());
        }
    }

    record VerificationView(
            boolean verified,
            CheckpointView checkpoint,
            Long firstBadPosition,
            List<FaultView> faults,
            String summary) {}

    @GetMapping("/api/audit/log-key")
    @Admits(Role.AUDITOR)
    @Operation(
            summary =
                    "The log's public key; hand it to verifiers out of band, and compare it with the one you were given")
    LogKeyView logKey() {
        LogAudit log = audit();
        return new LogKeyView(
                log.key().name(),
                log.key().verifierKey(),
                KeyFiles.publicKeyPem(log.key().publicKey()));
    }

    @GetMapping("/api/audit/checkpoints/latest")
    @Admits(Role.AUDITOR)
    @Operation(summary = "The checkpoint of the largest tree signed so far")
    CheckpointView latest() {
        return answer(() -> CheckpointView.of(audit().latest()));
    }

    @GetMapping("/api/audit/checkpoints/{size}")
    @Admits(Role.AUDITOR)
    @Operation(summary = "The checkpoint signed at this tree size")
    CheckpointView atSize(@PathVariable String size) {
        long treeSize = number("size", size);
        return answer(() -> CheckpointView.of(audit().atSize(treeSize)));
    }

    @GetMapping("/api/audit/proofs/inclusion")
    @Admits(Role.AUDITOR)
    @Operation(
            summary = "That the event at a global position is in the tree of a size (default: the latest checkpoint's)")
    InclusionView inclusion(
            @Parameter(description = "global position of the event, 1 or more") @RequestParam String position,
            @Parameter(description = "tree size; default the latest checkpoint's") @RequestParam(required = false)
                    String size) {
        long at = number("position", position);
        return answer(() -> {
            long treeSize = size == null ? audit().latest().checkpoint().size() : number("size", size);
            LogAudit.Inclusion inclusion = audit().inclusion(at, treeSize);
            return new InclusionView(
                    at,
                    at - 1,
                    treeSize,
                    inclusion.root().base64(),
                    inclusion.path(),
                    inclusion.checkpoint().map(CheckpointView::of).orElse(null),
                    inclusion.proofText().orElse(null));
        });
    }

    @GetMapping("/api/audit/proofs/consistency")
    @Admits(Role.AUDITOR)
    @Operation(summary = "That the tree of `to` events extends the tree of `from` events")
    ConsistencyView consistency(@RequestParam String from, @RequestParam String to) {
        long older = number("from", from);
        long newer = number("to", to);
        return answer(() -> {
            LogAudit.Consistency proof = audit().consistency(older, newer);
            return new ConsistencyView(
                    older, newer, proof.fromRoot().base64(), proof.toRoot().base64(), proof.path(), proof.proofText());
        });
    }

    @GetMapping("/api/audit/verify")
    @Admits(Role.AUDITOR)
    @Operation(
            summary = "Recomputes the tree from the raw event documents against a checkpoint (default the latest) "
                    + "with the log's public key: verified, or the first bad position of each kind of fault")
    VerificationView verify(
            @Parameter(description = "size of the checkpoint to verify against; default the latest")
                    @RequestParam(required = false)
                    String size) {
        Long checkpointSize = size == null ? null : number("size", size);
        return answer(() -> {
            LogAudit log = audit();
            SignedCheckpoint checkpoint = checkpointSize == null ? log.latest() : log.atSize(checkpointSize);
            VerificationReport report = log.verify(checkpoint.checkpoint().size());
            return new VerificationView(
                    report.verified(),
                    CheckpointView.of(checkpoint),
                    report.firstBadPosition().isPresent()
                            ? report.firstBadPosition().getAsLong()
                            : null,
                    report.faults().stream().map(FaultView::of).toList(),
                    report.summary());
        });
    }

    private interface Answer<T> {
        T get();
    }

    private static <T> T answer(Answer<T> answer) {
        try {
            return answer.get();
        } catch (AuditRefusal refusal) {
            throw problem(refusal);
        }
    }

    private static ProblemException problem(AuditRefusal refusal) {
        return switch (refusal.reason()) {
            case INVALID ->
                new ProblemException(Problems.invalidRequest(
                        Optional.ofNullable(refusal.parameter()).orElse("request"), refusal.getMessage()));
            case NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, refusal.getMessage());
            case BUSY -> new ProblemException(ProblemType.VERIFICATION_RUNNING, refusal.getMessage());
        };
    }

    private static long number(String parameter, String text) {
        String value = text == null ? "" : text.trim();
        if (!value.matches("[0-9]{1,18}")) {
            throw new ProblemException(Problems.invalidRequest(parameter, "must be a whole number of 1 or more"));
        }
        long number = Long.parseLong(value);
        if (number < 1) {
            throw new ProblemException(Problems.invalidRequest(parameter, "must be a whole number of 1 or more"));
        }
        return number;
    }

    private LogAudit audit() {
        LogAudit log = audit.getIfAvailable();
        if (log == null) {
            throw new ProblemException(
                    ProblemType.NOT_FOUND, "the verifiable log is switched off (smp.verifiable-log.enabled=false)");
        }
        return log;
    }
}
