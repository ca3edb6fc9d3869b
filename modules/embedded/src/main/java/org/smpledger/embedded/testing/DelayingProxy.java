package org.smpledger.embedded.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on the loopback interface that hands every byte on after a fixed delay, in each
 * direction, keeping the order of the bytes: network latency without {@code netem}, which the
 * kernels of our machines lack. A round trip through it takes at least twice the one-way delay;
 * the delay is latency, not a throughput cap (bytes sent back to back arrive back to back).
 * <p>
 * Each connection is relayed by two threads per direction: one reads and stamps what arrives, the
 * other writes it once its time has come. A half-close (end of stream) is passed on after the same
 * delay; an error on either side closes the connection.
 */
public final class DelayingProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DelayingProxy.class);
    private static final int CHUNK = 64 * 1024;

    private final InetSocketAddress upstream;
    private final long delayNanos;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private DelayingProxy(InetSocketAddress upstream, Duration oneWayDelay) throws IOException {
        if (oneWayDelay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + oneWayDelay);
        }
        this.upstream = upstream;
        this.delayNanos = oneWayDelay.toNanos();
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "delaying-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port and relays every connection to {@code upstream}. */
    public static DelayingProxy start(InetSocketAddress upstream, Duration oneWayDelay) {
        try {
            return new DelayingProxy(upstream, oneWayDelay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    public Duration oneWayDelay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** Stops accepting and closes every connection it relays. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        links.forEach(Link::end);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("proxy on port {} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            int id = connections.incrementAndGet();
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(upstream);
            } catch (IOException e) {
                log.debug("proxy could not reach {}: {}", upstream, e.toString());
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server, "delaying-proxy-" + port() + "-" + id);
            links.add(link);
            if (closed) {
                link.end();
                return;
            }
            link.start();
        }
    }

    /** Bytes read at {@code arrived} (System.nanoTime); an empty array marks the end of the stream. */
    private record Chunk(long arrived, byte[] bytes) {}

    /** One relayed connection: a client socket, the socket to the upstream, and both directions between them. */
    private final class Link {

        private final Socket client;
        private final Socket server;
        private final Direction up;
        private final Direction down;
        private final AtomicInteger halfClosed = new AtomicInteger();

        private Link(Socket client, Socket server, String name) {
            this.client = client;
            this.server = server;
            this.up = new Direction(this, client, server, name + "-up");
            this.down = new Direction(this, server, client, name + "-down");
        }

        void start() {
            up.start();
            down.start();
        }

        /** Both sides said end of stream and it was passed on: the connection is over. */
        void halfClosed() {
            if (halfClosed.incrementAndGet() == 2) {
                end();
            }
        }

        void end() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
            up.stop();
            down.stop();
        }
    }

    /** One direction of one connection: bytes from {@code from} go to {@code to} after the delay. */
    private final class Direction {

        private final Link link;
        private final Socket from;
        private final Socket to;
        private final LinkedBlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
        private final Thread reader;
        private final Thread writer;

        private Direction(Link link, Socket from, Socket to, String name) {
            this.link = link;
            this.from = from;
            this.to = to;
            this.reader = new Thread(this::read, name + "-read");
            this.writer = new Thread(this::write, name + "-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
        }

        void start() {
            reader.start();
            writer.start();
        }

        void stop() {
            writer.interrupt();
        }

        private void read() {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream(); // not closed here: that would close the socket
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (n > 0) {
                        inFlight.add(new Chunk(System.nanoTime(), Arrays.copyOf(buffer, n)));
                    }
                }
                inFlight.add(new Chunk(System.nanoTime(), new byte[0]));
            } catch (IOException e) {
                link.end();
            }
        }

        private void write() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = inFlight.take();
                    waitUntil(chunk.arrived() + delayNanos);
                    if (chunk.bytes().length == 0) {
                        to.shutdownOutput();
                        link.halfClosed();
                        return;
                    }
                    out.write(chunk.bytes());
                    // whatever else is already due goes out with it
                    for (Chunk next = inFlight.peek();
                            next != null
                                    && next.bytes().length > 0
                                    && next.arrived() + delayNanos - System.nanoTime() <= 0;
                            next = inFlight.peek()) {
                        out.write(inFlight.poll().bytes());
                    }
                    out.flush();
                }
            } catch (InterruptedException e) {
                // the link ended
            } catch (IOException e) {
                link.end();
            }
        }
    }

    private static void waitUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (SocketException e) {
            // already closed by the other side
        } catch (IOException e) {
            log.debug("closing a proxied socket: {}", e.toString());
        }
    }
}
