package org.smpledger.app.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.domain.recording.RuleViolation;

/** The gateway sends a command again only when another writer appended first, as often as configured. */
class ConflictRetriesTest {

    private final AtomicInteger handled = new AtomicInteger();
    /** What the handler throws on each call, in turn; when empty it answers "recorded". */
    private final Deque<RuntimeException> failures = new ConcurrentLinkedDeque<>();

    private ConflictRetries retries;

    private CommandGateway gateway(int conflictRetries) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            handled.incrementAndGet();
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            return "recorded";
        });
        retries = new ConflictRetries(conflictRetries, Duration.ofMillis(1));
        return DefaultCommandGateway.builder()
                .commandBus(bus)
                .retryScheduler(retries)
                .build();
    }

    @AfterEach
    void close() {
        retries.close();
    }

    @Test
    void aConflictThatClearsIsAnsweredWithTheRetriedOutcome() {
        CommandGateway gateway = gateway(1);
        failures.add(new ConcurrencyException("another node appended at 3"));
        assertThat((String) gateway.sendAndWait("sign consent")).isEqualTo("recorded");
        assertThat(handled).hasValue(2);
    }

    @Test
    void aStreamAnotherWriterCreatedFirstIsAlsoSentAgain() {
        CommandGateway gateway = gateway(1);
        failures.add(new AggregateStreamCreationException("client-1 exists"));
        assertThat((String) gateway.sendAndWait("register client")).isEqualTo("recorded");
        assertThat(handled).hasValue(2);
    }

    @Test
    void aConflictThatPersistsIsAnsweredAfterTheConfiguredRetries() {
        CommandGateway gateway = gateway(3);
        for (int i = 0; i < 10; i++) {
            failures.add(new ConcurrencyException("another node appended again"));
        }
        assertThatThrownBy(() -> gateway.sendAndWait("sign consent")).isInstanceOf(ConcurrencyException.class);
        assertThat(handled).hasValue(4);
    }

    @Test
    void withNoRetriesConfiguredAConflictIsAnsweredAtOnce() {
        CommandGateway gateway = gateway(0);
        failures.add(new ConcurrencyException("another node appended at 3"));
        assertThatThrownBy(() -> gateway.sendAndWait("sign consent")).isInstanceOf(ConcurrencyException.class);
        assertThat(handled).hasValue(1);
    }

    @Test
    void aRuleRefusalOrAnUnknownRecordIsNeverSentAgain() {
        CommandGateway gateway = gateway(3);
        failures.add(RuleViolation.refused("session-interval", "too soon", RuleViolation.numbers("minimumDays", 7)));
        assertThatThrownBy(() -> gateway.sendAndWait("complete session")).isInstanceOf(RuleViolation.class);
        assertThat(handled).hasValue(1);

        failures.add(new AggregateNotFoundException("client-9", "no such client"));
        assertThatThrownBy(() -> gateway.sendAndWait("sign consent")).isInstanceOf(AggregateNotFoundException.class);
        assertThat(handled).hasValue(2);

        failures.add(new IllegalStateException("a bug, not a conflict"));
        assertThatThrownBy(() -> gateway.sendAndWait("sign consent")).isInstanceOf(IllegalStateException.class);
        assertThat(handled).hasValue(3);
    }
}
