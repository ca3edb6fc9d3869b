package org.smpledger.embedded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DelayingProxyTest {

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void bytesArriveIntactAndInOrderInBothDirections() throws Exception {
        DelayingProxy proxy = proxy(echoServer(), Duration.ofMillis(2));
        byte[] sent = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(sent);

        try (Socket socket = connect(proxy)) {
            CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            Random sizes = new Random(11);
            for (int offset = 0; offset < sent.length; ) {
                int length = Math.min(1 + sizes.nextInt(40_000), sent.length - offset);
                out.write(sent, offset, length);
                offset += length;
            }
            socket.shutdownOutput();

            assertThat(echoed.get(30, TimeUnit.SECONDS)).isEqualTo(sent);
        }
    }

    @Test
    void eachDirectionIsDelayedByTheConfiguredTime() throws Exception {
        Duration oneWay = Duration.ofMillis(60);
        CompletableFuture<Long> arrivedAtServer = new CompletableFuture<>();
        ServerSocket server = listener();
        CompletableFuture.runAsync(() -> {
            try (Socket accepted = server.accept()) {
                int b = accepted.getInputStream().read();
                arrivedAtServer.complete(System.nanoTime());
                accepted.getOutputStream().write(b);
                accepted.getOutputStream().flush();
                accepted.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                arrivedAtServer.completeExceptionally(e);
            }
        });
        DelayingProxy proxy = proxy(address(server), oneWay);

        try (Socket socket = connect(proxy)) {
            long sent = System.nanoTime();
            socket.getOutputStream().write(42);
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).isEqualTo(42);
            long back = System.nanoTime();

            long there = arrivedAtServer.get(10, TimeUnit.SECONDS) - sent;
            long backAgain = back - arrivedAtServer.get();
            assertThat(Duration.ofNanos(there)).isBetween(oneWay, oneWay.plusMillis(500));
            assertThat(Duration.ofNanos(backAgain)).isBetween(oneWay, oneWay.plusMillis(500));
        }
    }

    @Test
    void theDelayIsLatencyNotAThroughputCap() throws Exception {
        Duration oneWay = Duration.ofMillis(100);
        DelayingProxy proxy = proxy(echoServer(), oneWay);
        int messages = 100;

        try (Socket socket = connect(proxy)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long[] sentAt = new long[messages];
            CompletableFuture<long[]> receivedAt = CompletableFuture.supplyAsync(() -> {
                long[] at = new long[messages];
                try {
                    for (int i = 0; i < messages; i++) {
                        assertThat(in.readInt()).isEqualTo(i);
                        at[i] = System.nanoTime();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return at;
            });
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sentAt[i] = System.nanoTime();
                out.writeInt(i);
                out.flush();
                Thread.sleep(2);
            }
            long[] at = receivedAt.get(30, TimeUnit.SECONDS);

            for (int i = 0; i < messages; i++) {
                assertThat(Duration.ofNanos(at[i] - sentAt[i]))
                        .as("round trip of message %d", i)
                        .isGreaterThanOrEqualTo(oneWay.multipliedBy(2));
            }
            // one after the other, 100 round trips would take 20 s
            assertThat(Duration.ofNanos(at[messages - 1] - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anEndOfStreamIsPassedOnAndTheAnswerStillComesBack() throws Exception {
        DelayingProxy proxy = proxy(echoServer(), Duration.ofMillis(20));

        try (Socket socket = connect(proxy)) {
            socket.getOutputStream().write("last words".getBytes());
            socket.shutdownOutput();

            assertThat(readAll(socket)).isEqualTo("last words".getBytes());
        }
    }

    @Test
    void closingTheProxyEndsTheConnectionsItRelays() throws Exception {
        DelayingProxy proxy = proxy(echoServer(), Duration.ofMillis(1));
        try (Socket socket = connect(proxy)) {
            socket.getOutputStream().write(1);
            assertThat(socket.getInputStream().read()).isEqualTo(1);

            proxy.close();

            socket.setSoTimeout(10_000);
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).as("end of stream or reset").isEqualTo(-1);
        }
    }

    @Test
    void theMongoDriverWorksThroughItWithTheRoundTripAdded() {
        Duration oneWay = Duration.ofMillis(15);
        DelayingProxy proxy = DelayingProxy.start(TestMongo.address(), oneWay);
        toClose.add(proxy);
        try (MongoClient client = MongoClients.create(TestMongo.connectionStringThrough(proxy))) {
            var database = client.getDatabase(TestMongo.freshDatabaseName("proxy"));
            MongoCollection<Document> notes = database.getCollection("notes");
            notes.insertOne(new Document("_id", 1).append("text", "through the proxy"));

            long start = System.nanoTime();
            Document found = notes.find(new Document("_id", 1)).first();
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);

            assertThat(found).containsEntry("text", "through the proxy");
            assertThat(roundTrip).isGreaterThanOrEqualTo(oneWay.multipliedBy(2));
            assertThat(proxy.connectionsAccepted()).isPositive();
            database.drop();
        }
    }

    private DelayingProxy proxy(InetSocketAddress upstream, Duration oneWay) {
        DelayingProxy proxy = DelayingProxy.start(upstream, oneWay);
        toClose.add(proxy);
        return proxy;
    }

    private Socket connect(DelayingProxy proxy) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(proxy.address());
        return socket;
    }

    private ServerSocket listener() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(server);
        return server;
    }

    private static InetSocketAddress address(ServerSocket server) {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Sends back every byte it receives, on every connection, and ends its side when the client does. */
    private InetSocketAddress echoServer() throws IOException {
        ServerSocket server = listener();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket accepted = server.accept();
                    accepted.setTcpNoDelay(true);
                    toClose.add(accepted);
                    Thread echo = new Thread(() -> {
                        byte[] buffer = new byte[8192];
                        try {
                            InputStream in = accepted.getInputStream();
                            OutputStream out = accepted.getOutputStream();
                            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                            accepted.shutdownOutput();
                        } catch (IOException e) {
                            // the test closed it
                        }
                    });
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return address(server);
    }

    private static byte[] readAll(Socket socket) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(all.toByteArray(), all.size());
    }
}
