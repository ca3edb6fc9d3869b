package org.smpledger.app.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A health component whose check talks to a peer (MongoDB, Kafka) and so may hang: a connection whose
 * packets are dropped (an instance cut off) blocks until TCP gives up. The check runs on a thread of
 * the component's own and is waited for at most {@code answerWithin}; without an answer by then the
 * component is DOWN. No second check is sent while one is unanswered, and a request that finds one
 * unanswered for longer than the bound is answered at once. Once DOWN, requests do not wait at all:
 * they report the answer of a check that has come back (UP again as soon as one does), else DOWN, and
 * send the next check. So {@code /actuator/health} stays prompt for as long as the peer is out of
 * reach. The first component asked sends every component's check at once (the endpoint asks them one
 * after another), so a request waits at most one bound, not one per component.
 */
public abstract class PromptHealthIndicator extends AbstractHealthIndicator {

    private static final Set<PromptHealthIndicator> ALL = new CopyOnWriteArraySet<>();

    private final Duration answerWithin;
    private final ExecutorService checker;
    private CompletableFuture<Health> inFlight;
    private volatile boolean lastDown;
    private long sentAt;
    /** The answered check was sent for the request under way (by another component's request); consumed once. */
    private boolean fresh;

    protected PromptHealthIndicator(String failureMessage, String threadName, Duration answerWithin) {
        super(failureMessage);
        this.answerWithin = answerWithin;
        this.checker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        ALL.add(this);
    }

    /** The check itself, run on the component's thread. */
    protected abstract void check(Health.Builder builder) throws Exception;

    @Override
    protected final void doHealthCheck(Health.Builder builder) throws Exception {
        for (PromptHealthIndicator component : ALL) {
            if (component != this) {
                component.send(true);
            }
        }
        CompletableFuture<Health> answer;
        long started;
        synchronized (this) {
            send(false);
            fresh = false;
            answer = inFlight;
            started = sentAt;
        }
        // once DOWN, a request does not wait: it takes a check that has answered, else stays DOWN
        long left = lastDown ? 0 : answerWithin.toNanos() - (System.nanoTime() - started);
        try {
            Health health = answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            lastDown = !Status.UP.equals(health.getStatus());
            builder.status(health.getStatus()).withDetails(health.getDetails());
        } catch (TimeoutException e) {
            lastDown = true;
            builder.down()
                    .withDetail(
                            "error",
                            "no answer for "
                                    + Duration.ofNanos(System.nanoTime() - started)
                                            .toMillis() + " ms (waited for at most " + answerWithin.toMillis()
                                    + " ms)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Sends a check unless one is unanswered. For this component's own request, a check another
     * component's request sent moments ago is used as it is; sent ahead for another's request
     * ({@code ahead}), a check is sent only when the last is older than the bound.
     */
    private synchronized void send(boolean ahead) {
        long age = System.nanoTime() - sentAt;
        boolean answered = inFlight != null && inFlight.isDone();
        boolean again = ahead ? age >= answerWithin.toNanos() : !(fresh && age < answerWithin.toNanos());
        if (inFlight == null || (answered && again)) {
            sentAt = System.nanoTime();
            fresh = true;
            inFlight = CompletableFuture.supplyAsync(this::checked, checker);
        }
    }

    private Health checked() {
        Health.Builder builder = new Health.Builder();
        try {
            check(builder);
        } catch (Exception e) {
            builder.down(e);
        }
        return builder.build();
    }

    /** Stops the checking thread (a check blocked on a peer is left to end with it). */
    public void close() {
        ALL.remove(this);
        checker.shutdownNow();
    }
}
