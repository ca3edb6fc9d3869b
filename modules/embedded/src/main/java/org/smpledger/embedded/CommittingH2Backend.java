package org.smpledger.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * H2 (MVStore file) backend that commits the store before it answers a write, so a write the
 * driver saw acknowledged survives the process dying right after. The stock backend commits
 * in the background (about once a second) and would lose those writes. Updates by {@code _id}
 * with conditions go through {@link UpdatesById}.
 */
final class CommittingH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "create",
            "createindexes",
            "drop",
            "dropindexes",
            "dropdatabase",
            "renamecollection");

    private final UpdatesById updatesById = new UpdatesById();

    CommittingH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return updatesById.handle(super::handleCommand, channel, database, command, query);
        } finally {
            if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
        }
    }
}
