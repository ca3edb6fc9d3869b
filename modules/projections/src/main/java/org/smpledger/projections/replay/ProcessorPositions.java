package org.smpledger.projections.replay;

import java.util.OptionalLong;

/** How far processors have got, and where the head of the event stream is. */
public interface ProcessorPositions {

    /** The global position up to which the processor has handled events; empty before it has one. */
    OptionalLong position(String processorName);

    boolean running(String processorName);

    /** The position of the newest stored event; -1 for an empty store. */
    long head();
}
