package org.smpledger.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Watches the insert commands a client sends to {@code event_commits}: how many commits and bytes
 * each carried. It can also hold the next insert in the sending thread (before it leaves the
 * client) until released, so that a test can line commits up behind a write "in flight".
 */
final class CommitInserts implements CommandListener {

    /** One insert command: the commits it carried and their total size in bytes. */
    record Insert(int commits, long bytes) {}

    private final List<Insert> inserts = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicReference<Hold> next = new AtomicReference<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        if (!event.getCommandName().equals("insert")
                || !"event_commits".equals(command.getString("insert").getValue())) {
            return;
        }
        long bytes = 0;
        for (BsonValue document : command.getArray("documents")) {
            bytes += new RawBsonDocument(document.asDocument(), new BsonDocumentCodec())
                    .getByteBuffer()
                    .remaining();
        }
        inserts.add(new Insert(command.getArray("documents").size(), bytes));
        Hold hold = next.getAndSet(null);
        if (hold != null) {
            hold.reached.countDown();
            await(hold.released);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (event.getCommandName().equals("insert") && event.getResponse().containsKey("writeErrors")) {
            rejected.incrementAndGet();
        }
    }

    /** Inserts answered with a write error (a duplicate key: a position, stream position or event id taken). */
    int rejected() {
        return rejected.get();
    }

    /** The next insert will wait in its sending thread until the hold is released. */
    Hold holdNext() {
        Hold hold = new Hold();
        next.set(hold);
        return hold;
    }

    static final class Hold {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the held insert is about to be sent. */
        void awaitReached() {
            await(reached);
        }

        void release() {
            released.countDown();
        }
    }

    List<Insert> all() {
        return List.copyOf(inserts);
    }

    List<Integer> commitsPerInsert() {
        return inserts.stream().map(Insert::commits).toList();
    }

    void clear() {
        inserts.clear();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
