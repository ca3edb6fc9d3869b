package org.smpledger.treatmentlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smpledger.treatmentlog.AuditRefusal.Reason;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;

/**
 * Whole-log verifications as jobs, so that no request thread is held for as long as a long log
 * takes: one runs at a time on a thread of its own; asking for the checkpoint that is being
 * verified joins the running job; asking for another while one runs is refused (busy). A caller
 * may wait a bounded time for the result, then polls the job. The last {@value #KEPT} jobs are kept
 * (in memory: a restart forgets them, and an auditor starts a new one).
 */
public final class Verifications implements AutoCloseable {

    static final int KEPT = 20;
    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    /** Where a job is. */
    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * A verification job as it stands: the checkpoint it verifies against, how many positions it has
     * recomputed, and when finished the report (or, if it could not run to the end, why).
     */
    public record Job(
            String id,
            SignedCheckpoint checkpoint,
            State state,
            long checkedEvents,
            Instant startedAt,
            Instant finishedAt,
            VerificationReport report,
            String error) {

        public long size() {
            return checkpoint.checkpoint().size();
        }
    }

    /** Runs one verification against a checkpoint, reporting the last position recomputed. */
    public interface Verification {
        VerificationReport run(SignedCheckpoint checkpoint, LongConsumer checked);
    }

    private final Verification verification;
    private final Clock clock;
    private final ExecutorService runner;
    private final Deque<Running> jobs = new ArrayDeque<>();

    public Verifications(Verification verification, Clock clock) {
        this.verification = Objects.requireNonNull(verification, "verification");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "verifiable-log-verification");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts verifying against {@code checkpoint}, or returns the running job that does; refused
     * ({@link Reason#BUSY}) while a job for another checkpoint runs.
     */
    public synchronized Job start(SignedCheckpoint checkpoint) {
        Running current = jobs.peekLast();
        if (current != null && !current.result.isDone()) {
            if (current.checkpoint.checkpoint().size()
                    == checkpoint.checkpoint().size()) {
                return current.view();
            }
            throw new AuditRefusal(
                    Reason.BUSY,
                    null,
                    "a verification against the checkpoint of "
                            + current.checkpoint.checkpoint().size() + " events is running (job " + current.id
                            + "); ask again when it has finished");
        }
        Running job = new Running(UUID.randomUUID().toString(), checkpoint, clock.instant());
        jobs.addLast(job);
        while (jobs.size() > KEPT) {
            jobs.removeFirst();
        }
        job.result.completeAsync(() -> job.run(verification), runner).whenComplete((report, failure) -> {
            job.finishedAt = clock.instant();
            if (failure != null) {
                log.warn("Verification job {} could not run to its end: {}", job.id, failure.toString());
            }
        });
        return job.view();
    }

    public synchronized Optional<Job> job(String id) {
        return jobs.stream().filter(job -> job.id.equals(id)).findFirst().map(Running::view);
    }

    /** The job once it has finished, or as it stands after {@code atMost}. */
    public Job await(String id, Duration atMost) throws InterruptedException {
        Running job;
        synchronized (this) {
            job = jobs.stream().filter(each -> each.id.equals(id)).findFirst().orElse(null);
        }
        if (job == null) {
            throw new AuditRefusal(Reason.NOT_FOUND, "id", "no verification job " + id);
        }
        try {
            job.result.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running, or failed: the view says which
        }
        synchronized (this) {
            return job.view();
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    private final class Running {

        final String id;
        final SignedCheckpoint checkpoint;
        final Instant startedAt;
        final AtomicLong checked = new AtomicLong();
        final CompletableFuture<VerificationReport> result = new CompletableFuture<>();
        volatile Instant finishedAt;

        Running(String id, SignedCheckpoint checkpoint, Instant startedAt) {
            this.id = id;
            this.checkpoint = checkpoint;
            this.startedAt = startedAt;
        }

        VerificationReport run(Verification verification) {
            return verification.run(checkpoint, checked::set);
        }

        Job view() {
            if (!result.isDone()) {
                return new Job(id, checkpoint, State.RUNNING, checked.get(), startedAt, null, null, null);
            }
            Instant finished = finishedAt != null ? finishedAt : clock.instant();
            try {
                VerificationReport report = result.getNow(null);
                return new Job(id, checkpoint, State.DONE, checked.get(), startedAt, finished, report, null);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new Job(
                        id,
                        checkpoint,
                        State.FAILED,
                        checked.get(),
                        startedAt,
                        finished,
                        null,
                        String.valueOf(cause.getMessage()));
            }
        }
    }
}
