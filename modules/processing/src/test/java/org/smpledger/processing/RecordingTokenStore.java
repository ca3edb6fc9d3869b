package org.smpledger.processing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;

/** Axon's in-memory token store, noting in a shared log every token stored ("stored 9"). */
final class RecordingTokenStore extends ForwardingTokenStore {

    private final List<String> log;
    final List<Long> stored = new CopyOnWriteArrayList<>();

    RecordingTokenStore(List<String> log) {
        super(new InMemoryTokenStore());
        this.log = log;
    }

    long lastStored() {
        return stored.isEmpty() ? -1 : stored.get(stored.size() - 1);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        long position = token == null ? -1 : token.position().orElse(-1);
        log.add("stored " + position);
        stored.add(position);
        delegate.storeToken(token, processorName, segment);
    }
}
