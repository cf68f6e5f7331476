package org.rehabit.e2e;

import org.rehabit.devtools.Platform;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A TLS-terminating nginx (Debian's package) in front of the gateway, configured with the server block that
 * docs/operations.md gives operators — read from that page, so the two cannot drift apart — with only this machine's
 * details put in: a free port, a self-signed certificate made here with openssl, the gateway's port, and the address
 * nginx connects from ({@link RunningPlatform#PROXY_ADDRESS}, the gateway's trusted proxy). nginx runs as a process
 * of its own with its own configuration, pid file, temporary folders and logs in a temporary folder.
 */
final class TlsProxy implements AutoCloseable {

    /** The site's name; the browser maps it to 127.0.0.1 and the certificate is made for it. */
    static final String HOST = "rehabit.example.org";

    private final Path dir;
    private final int port;
    private final Process nginx;
    private final X509Certificate certificate;

    private TlsProxy(Path dir, int port, Process nginx, X509Certificate certificate) {
        this.dir = dir;
        this.port = port;
        this.nginx = nginx;
        this.certificate = certificate;
    }

    static TlsProxy start(Path root, int gatewayPort) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rehabit-nginx");
        // nginx's workers run as an unprivileged user when the tests run as root: they must reach the temp folders
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + HOST,
                "-addext", "subjectAltName=DNS:" + HOST + ",IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString());
        int port = Platform.freePort();
        Files.createDirectories(dir.resolve("temp"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, configuration(root.resolve("docs/operations.md"), dir, port, gatewayPort, cert, key));
        Process nginx = new ProcessBuilder(nginxBinary(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        TlsProxy proxy = new TlsProxy(dir, port, nginx, readCertificate(cert));
        // stopped after the tests, and also when the test JVM ends without getting there
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "e2e-nginx-stop"));
        proxy.awaitListening();
        return proxy;
    }

    /** The server block of docs/operations.md with this machine's port, certificate, gateway and source address. */
    static String configuration(Path docs, Path dir, int port, int gatewayPort, Path cert, Path key) throws IOException {
        String page = Files.readString(docs);
        int start = page.indexOf("```nginx\n");
        if (start < 0) {
            throw new IllegalStateException(docs + " has no nginx example (```nginx)");
        }
        start += "```nginx\n".length();
        String server = page.substring(start, page.indexOf("\n```", start));
        Map<String, String> local = new java.util.LinkedHashMap<>();
        local.put("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;");
        local.put("/etc/ssl/rehabit/fullchain.pem", cert.toString());
        local.put("/etc/ssl/rehabit/privkey.pem", key.toString());
        local.put("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:" + gatewayPort + ";\n"
                + "        proxy_bind " + RunningPlatform.PROXY_ADDRESS + ";");
        for (Map.Entry<String, String> entry : local.entrySet()) {
            if (!server.contains(entry.getKey())) {
                throw new IllegalStateException("The nginx example of " + docs + " no longer has '" + entry.getKey()
                        + "': update TlsProxy with it");
            }
            server = server.replace(entry.getKey(), entry.getValue());
        }
        Path temp = dir.resolve("temp");
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                events {
                    worker_connections 256;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                %3$s
                }
                """.formatted(dir, temp, server.indent(4));
    }

    /** {@code https://rehabit.example.org:<port>}, the address the browser opens. */
    String url() {
        return "https://" + HOST + ":" + port;
    }

    int port() {
        return port;
    }

    /** The base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
    String spkiHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chromium switches for this site: its name resolves to this machine and its certificate is accepted. */
    List<String> browserSwitches() {
        return List.of("--host-resolver-rules=MAP " + HOST + " 127.0.0.1",
                "--ignore-certificate-errors-spki-list=" + spkiHash());
    }

    /** nginx's own log of the requests it passed on. */
    Path accessLog() {
        return dir.resolve("access.log");
    }

    /**
     * One HTTP/1.1 request over TLS to nginx, on a connection from {@code from} (any 127.x address is this machine),
     * trusting the certificate made here only. Answers the status line and headers and the body as text.
     */
    String send(String from, String method, String path, Map<String, String> headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + port
                + "\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (SSLSocket socket = (SSLSocket) trustingThisCertificate().getSocketFactory().createSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(30_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(HOST)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private SSLContext trustingThisCertificate() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("rehabit-proxy", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + diagnostics());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("nginx is not listening on " + port + " after 30 s: " + diagnostics());
    }

    private String diagnostics() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                text.append('\n').append(name).append(":\n").append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static String nginxBinary() {
        String configured = System.getenv("REHABIT_NGINX");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    private static X509Certificate readCertificate(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Stops nginx (SIGTERM: a fast shutdown) and waits for it. */
    @Override
    public void close() {
        nginx.destroy();
        try {
            if (!nginx.waitFor(15, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "nginx on " + url() + " (" + dir + ")";
    }
}
