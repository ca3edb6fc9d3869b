package org.smpledger.accesslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP forwarder on loopback that a test can cut (refusing and dropping every connection) and heal. */
final class CuttableLink implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listening;

    CuttableLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = socket.getLocalPort();
        listen(socket);
    }

    int port() {
        return port;
    }

    void cut() throws IOException {
        ServerSocket socket = listening;
        listening = null;
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
        open.clear();
    }

    void heal() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(socket);
    }

    @Override
    public void close() throws IOException {
        if (listening != null) {
            cut();
        }
    }

    private void listen(ServerSocket socket) {
        listening = socket;
        Thread acceptor = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try {
                            Socket client = socket.accept();
                            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                            open.add(client);
                            open.add(server);
                            pipe(client, server);
                            pipe(server, client);
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "cuttable-link-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the link was cut or a side closed
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException e) {
                            // already closed
                        }
                    }
                },
                "cuttable-link-pipe");
        copier.setDaemon(true);
        copier.start();
    }
}
