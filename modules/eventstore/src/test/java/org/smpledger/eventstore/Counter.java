package org.smpledger.eventstore;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A minimal event-sourced aggregate for the snapshot test. */
public class Counter {

    @AggregateIdentifier
    private String id;

    private int total;

    public Counter() {}

    @EventSourcingHandler
    void on(Counted event) {
        this.id = event.counter();
        this.total += event.by();
    }

    int total() {
        return total;
    }

    public record Counted(String counter, int by) {}
}
