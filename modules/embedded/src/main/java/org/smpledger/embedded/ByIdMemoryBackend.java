package org.smpledger.embedded;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** The in-memory backend of the tests, with updates by {@code _id} with conditions run as MongoDB does ({@link UpdatesById}). */
final class ByIdMemoryBackend extends MemoryBackend {

    private final UpdatesById updatesById = new UpdatesById();

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return updatesById.handle(super::handleCommand, channel, database, command, query);
    }
}
