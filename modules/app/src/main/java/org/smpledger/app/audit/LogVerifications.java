package org.smpledger.app.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.smpledger.treatmentlog.AuditRefusal;
import org.smpledger.treatmentlog.LogAudit;
import org.smpledger.treatmentlog.Verifications;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.web.LogVerification;

/**
 * The verifiable log's verification for the auditor's page, as a job of {@link LogAudit} (the raw
 * store recomputed against the latest signed checkpoint with the log's public key, on a thread of
 * its own, as {@code /api/audit/verify} runs it): the page waits a bounded time for the job, and
 * shows the result of the latest job it started once that has finished.
 */
public class LogVerifications implements LogVerification {

    private final LogAudit audit;
    private final Duration wait;
    private final AtomicReference<String> lastJob = new AtomicReference<>();

    LogVerifications(LogAudit audit, Duration wait) {
        this.audit = audit;
        this.wait = wait;
    }

    @Override
    public Optional<Result> latest() {
        return Optional.ofNullable(lastJob.get())
                .flatMap(audit::verification)
                .filter(job -> job.state() != Verifications.State.RUNNING)
                .map(LogVerifications::result);
    }

    @Override
    public Result verifyNow() {
        Verifications.Job job;
        try {
            job = audit.startVerification(null);
        } catch (AuditRefusal refusal) {
            throw new NotNow(
                    refusal.reason() == AuditRefusal.Reason.NOT_FOUND
                            ? "No checkpoint has been signed yet: there is nothing to verify against."
                            : "A verification of the log is running; ask again when it has finished.");
        }
        lastJob.set(job.id());
        try {
            job = audit.awaitVerification(job.id(), wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (job.state() == Verifications.State.RUNNING) {
            throw new NotNow("The verification is running (" + job.checkedEvents() + " of " + job.size()
                    + " events checked); this page shows its result once it has finished.");
        }
        return result(job);
    }

    private static Result result(Verifications.Job job) {
        if (job.state() == Verifications.State.FAILED) {
            return new Result(
                    false,
                    job.size(),
                    job.finishedAt(),
                    "The verification could not run to its end: " + job.error(),
                    null);
        }
        VerificationReport report = job.report();
        return new Result(
                report.verified(),
                job.size(),
                job.finishedAt(),
                report.summary(),
                report.firstBadPosition().isPresent()
                        ? report.firstBadPosition().getAsLong()
                        : null);
    }
}
