package org.rehabit.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between the browser and the gateway that a test can cut, as a phone loses its network: the open
 * connections drop and new ones are closed at once until it is restored. DevTools' offline emulation applies to the
 * page it is sent to only, not to the page's service worker, whose requests would still reach the gateway; this cuts
 * both. It can also stand for a proxy that cannot reach the gateway: every request gets its HTML 502 page.
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
    private volatile boolean badGateway;

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
            dropAll();
        }
    }

    /** From now on every request gets a proxy's HTML 502 page (open connections drop), or reaches the gateway again. */
    void badGateway(boolean badGateway) {
        this.badGateway = badGateway;
        dropAll();
    }

    private void dropAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
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
                if (badGateway) {
                    // tracked too: a connection the browser opened ahead of need must not answer 502 once restored
                    open.add(client);
                    threads.submit(() -> answerBadGateway(client));
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

    /** Reads one request's head and answers it as nginx does when the gateway cannot be reached. */
    private void answerBadGateway(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            int last4 = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a) {
                    break;
                }
            }
            String page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                    + "</center><hr><center>nginx</center></body></html>";
            out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: " + page.length()
                    + "\r\nConnection: close\r\n\r\n" + page).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the browser went away, or the relay was restored
        } finally {
            open.remove(client);
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
