package org.smpledger.app.personaldata;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.axonframework.eventhandling.EventMessage;
import org.smpledger.events.treatment.ClientPersonalDataErased;
import org.smpledger.personaldata.ClientKeys;
import org.smpledger.processing.EventBatchHandler;

/**
 * Destroys the key of every client whose erasure is recorded. The erasure endpoint destroys it at once;
 * this processor ({@code personal-data-erasures}, own token) makes sure of it if the service stopped in
 * between, and destroys the keys again when its token is deleted after a key backup was restored.
 */
final class KeyErasures implements EventBatchHandler<Void> {

    static final String PROCESSOR = "personal-data-erasures";

    private final ClientKeys keys;

    KeyErasures(ClientKeys keys) {
        this.keys = keys;
    }

    @Override
    public Void begin(List<? extends EventMessage<?>> events) {
        return null;
    }

    @Override
    public void handle(EventMessage<?> event, Void batch) {
        if (event.getPayload() instanceof ClientPersonalDataErased erased) {
            keys.shred(erased.clientId(), erased.erasedAt());
        }
    }

    @Override
    public CompletionStage<?> finish(Void batch) {
        return EventBatchHandler.done();
    }
}
