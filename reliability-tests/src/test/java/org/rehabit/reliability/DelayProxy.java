package org.rehabit.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a service that can be made slow: while a delay is set, every chunk the service sends
 * back waits that long first — the service is up but answers late, as on an overloaded host or a bad network.
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "delay-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long delayMillis;

    DelayProxy(int listenPort, int targetPort) throws IOException {
        this.server = new ServerSocket(listenPort, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        threads.submit(this::accept);
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                threads.submit(() -> pipe(client, target, false));
                threads.submit(() -> pipe(target, client, true));
            } catch (IOException e) {
                // the target is down (connection refused) or the proxy is closing: drop this connection
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long delay = delayMillis;
                if (answers && delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
