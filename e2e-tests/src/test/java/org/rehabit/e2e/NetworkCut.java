package org.rehabit.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between the browser and the gateway that a test can cut, as a phone loses its network: the open
 * connections drop and new ones are closed at once until it is restored. DevTools' offline emulation applies to the
 * page it is sent to only, not to the page's service worker, whose requests would still reach the gateway; this cuts
 * both.
 */
final class NetworkCut implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "network-cut");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean cut;

    /** Relays a free loopback port to the gateway's. */
    NetworkCut(int gatewayPort) {
        this.target = gatewayPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    /** The base URL that reaches the gateway through the relay (127.0.0.1, which browsers treat as secure). */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts the network (dropping every open connection), or restores it. */
    void cut(boolean cut) {
        this.cut = cut;
        if (cut) {
            for (Socket socket : open) {
                closeQuietly(socket);
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket gateway = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(gateway);
                threads.submit(() -> pipe(client, gateway));
                threads.submit(() -> pipe(gateway, client));
            } catch (IOException e) {
                // closed, or one connection failed: the browser sees a dropped connection, as on a bad network
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed, or the network was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut(true);
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        threads.shutdownNow();
    }
}
