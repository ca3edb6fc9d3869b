package org.smpledger.cli.export;

import java.io.IOException;
import org.smpledger.cli.log.LoggedEvent;

/** Writes events one at a time in one format; nothing is held beyond the current event. */
public interface EventWriter extends AutoCloseable {

    void write(LoggedEvent event) throws IOException;

    /** Flushes and ends the output (closes it unless it is stdout). */
    @Override
    void close() throws IOException;
}
