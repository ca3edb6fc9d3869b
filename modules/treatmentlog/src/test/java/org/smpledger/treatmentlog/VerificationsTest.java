package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.treatmentlog.AuditRefusal.Reason;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.merkle.Hash;

/**
 * Verifications as jobs: no caller waits longer than it asks to; a running job reports how far it
 * got; asking again for the same checkpoint joins it, for another one is refused while it runs; a
 * job that cannot run to its end says why; only the last jobs are kept.
 */
class VerificationsTest {

    private final LogSigner signer =
            new LogSigner("test.example/log", Ed25519Keys.generate().getPrivate());
    private final CountDownLatch release = new CountDownLatch(1);
    private Verifications verifications;

    @AfterEach
    void close() {
        release.countDown();
        if (verifications != null) {
            verifications.close();
        }
    }

    @Test
    void aLongVerificationIsAJobThatReportsProgressAndThenItsResult() throws Exception {
        verifications = new Verifications(
                (checkpoint, checked) -> {
                    checked.accept(40);
                    awaitRelease();
                    checked.accept(checkpoint.checkpoint().size());
                    return VerificationReport.verified(
                            "events 1.." + checkpoint.checkpoint().size());
                },
                Clock.systemUTC());
        SignedCheckpoint hundred = checkpoint(100);

        Verifications.Job started = verifications.start(hundred);
        long before = System.nanoTime();
        Verifications.Job waited = verifications.await(started.id(), Duration.ofMillis(200));
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(waited.state()).isEqualTo(Verifications.State.RUNNING);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> verifications.job(started.id()).orElseThrow().checkedEvents() == 40);
        assertThat(verifications.start(hundred).id())
                .as("the same checkpoint joins the running job")
                .isEqualTo(started.id());
        assertThatThrownBy(() -> verifications.start(checkpoint(120)))
                .isInstanceOfSatisfying(AuditRefusal.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(Reason.BUSY);
                    assertThat(refusal.getMessage()).contains(started.id(), "100 events");
                });

        release.countDown();
        Verifications.Job done = verifications.await(started.id(), Duration.ofSeconds(10));
        assertThat(done.state()).isEqualTo(Verifications.State.DONE);
        assertThat(done.report().verified()).isTrue();
        assertThat(done.checkedEvents()).isEqualTo(100);
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(verifications.job(started.id()).orElseThrow().state()).isEqualTo(Verifications.State.DONE);
        assertThat(verifications.start(checkpoint(120)).id())
                .as("a new job once it ended")
                .isNotEqualTo(started.id());
    }

    @Test
    void aVerificationThatCannotRunToItsEndFailsWithWhyAndOnlyTheLastJobsAreKept() throws Exception {
        verifications = new Verifications(
                (checkpoint, checked) -> {
                    if (checkpoint.checkpoint().size() == 7) {
                        throw new IllegalStateException("the store did not answer within 10 s");
                    }
                    return VerificationReport.verified("events");
                },
                Clock.systemUTC());
        Verifications.Job failing = verifications.start(checkpoint(7));
        Verifications.Job failed = verifications.await(failing.id(), Duration.ofSeconds(10));
        assertThat(failed.state()).isEqualTo(Verifications.State.FAILED);
        assertThat(failed.error()).contains("did not answer");
        assertThat(failed.report()).isNull();

        for (int i = 0; i < Verifications.KEPT; i++) {
            Verifications.Job job = verifications.start(checkpoint(10 + i));
            assertThat(verifications.await(job.id(), Duration.ofSeconds(10)).state())
                    .isEqualTo(Verifications.State.DONE);
        }
        assertThat(verifications.job(failing.id())).isEmpty();
        assertThatThrownBy(() -> verifications.await(failing.id(), Duration.ZERO))
                .isInstanceOfSatisfying(
                        AuditRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    private SignedCheckpoint checkpoint(long size) {
        return signer.sign(size, Hash.of(new byte[Hash.SIZE]), Instant.parse("2026-11-30T10:00:00Z"));
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
