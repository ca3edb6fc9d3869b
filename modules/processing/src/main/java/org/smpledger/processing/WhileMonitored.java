package org.smpledger.processing;

import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/** A message monitor that reports only while its condition holds (a rebuild reports once it is live). */
final class WhileMonitored implements MessageMonitor<EventMessage<?>> {

    private final MessageMonitor<? super EventMessage<?>> delegate;
    private final BooleanSupplier when;

    WhileMonitored(MessageMonitor<? super EventMessage<?>> delegate, BooleanSupplier when) {
        this.delegate = delegate;
        this.when = when;
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        return when.getAsBoolean() ? delegate.onMessageIngested(message) : NoOpMessageMonitorCallback.INSTANCE;
    }
}
