package org.smpledger.embedded;

import java.nio.file.Path;

/** Runs a file-backed server in its own JVM, so a test can kill it the way an operator's kill -9 would. */
public final class MongoServerProcess {

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(Path.of(args[0]), "127.0.0.1", 0);
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
