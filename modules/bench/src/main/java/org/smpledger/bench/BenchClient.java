package org.smpledger.bench;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A client stream as the benchmark drives it: registered with a few events, then appended to. */
public class BenchClient {

    /** ~1 KB of payload text, like a treatment note. */
    static final String TEXT = "x".repeat(1000);

    @AggregateIdentifier
    private String id;

    public BenchClient() {}

    @CommandHandler
    public BenchClient(Register command) {
        for (int i = 0; i < command.events(); i++) {
            apply(new Noted(command.client(), TEXT));
        }
    }

    @CommandHandler
    public void handle(AddNotes command) {
        for (int i = 0; i < command.events(); i++) {
            apply(new Noted(command.client(), TEXT));
        }
    }

    @EventSourcingHandler
    void on(Noted event) {
        this.id = event.client();
    }

    public record Register(@TargetAggregateIdentifier String client, int events) {}

    public record AddNotes(@TargetAggregateIdentifier String client, int events) {}

    public record Noted(String client, String text) {}
}
