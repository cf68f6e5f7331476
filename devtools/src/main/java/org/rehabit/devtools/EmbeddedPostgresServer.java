package org.rehabit.devtools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server started from the binaries shipped in a Maven artifact, so that tests and the
 * local launcher need nothing installed but a JDK. Either throwaway (tests) or kept in a folder
 * (the launcher: data survives restarts).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server on a free port whose data is thrown away when it stops. The port is {@link Platform#freePort}'s (below
     * the kernel's ephemeral range), not one the kernel reports free and may hand to an outgoing connection before
     * PostgreSQL binds it.
     */
    public static EmbeddedPostgresServer ephemeral() {
        return start(EmbeddedPostgres.builder().setPort(Platform.freePort()));
    }

    /**
     * A throwaway server whose commits are as durable as a production server's: {@code synchronous_commit=on}
     * (the embedded default is off, a commit not waiting for its WAL flush) and {@code fsync=on}. The benchmark's.
     * Its log goes to files in {@code logDirectory} for as long as it runs (its own logging collector: the embedded
     * server's output is read only while it starts) and names every autovacuum run and checkpoint with its time,
     * deadlocks and statements that waited a second for a lock, so a stall in a measured window can be matched
     * against them.
     */
    public static EmbeddedPostgresServer durable(Path logDirectory) {
        return start(EmbeddedPostgres.builder().setPort(Platform.freePort()).setServerConfig("synchronous_commit", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", logDirectory.toAbsolutePath().toString())
                .setServerConfig("log_filename", "postgresql-%Y-%m-%d_%H%M%S.log")
                .setServerConfig("log_checkpoints", "on")
                .setServerConfig("log_lock_waits", "on")
                .setServerConfig("log_autovacuum_min_duration", "0"));
    }

    /** A setting as the server reports it ({@code current_setting(name)}), e.g. "on". */
    public String setting(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
             PreparedStatement show = connection.prepareStatement("SELECT current_setting(?)")) {
            show.setString(1, name);
            var rs = show.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The server's postmaster process, the parent of every backend (so its process tree is the server's work). */
    public java.util.Optional<ProcessHandle> postmaster() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
             var query = connection.createStatement();
             var rs = query.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find the postmaster: " + e.getMessage(), e);
        }
    }

    /** A server whose data lives in {@code dataDirectory} and is reused on the next start. */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port));
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        EmbeddedPostgresServer server;
        try {
            server = new EmbeddedPostgresServer(builder
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
        LOG.log(System.Logger.Level.INFO, "Embedded PostgreSQL " + server.version() + " started on port "
                + server.port());
        return server;
    }

    /** The server's version as it reports it ({@code SHOW server_version}, e.g. "18.1"). */
    public String version() {
        return version(jdbcUrl("postgres"), user(), "");
    }

    /** The version of the server behind {@code url} ({@code SHOW server_version}). */
    public static String version(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             var show = connection.createStatement();
             var rs = show.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the server version: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of {@code database} on this server (user {@link #user()}, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    /** Creates {@code database} unless it exists already. */
    public void ensureDatabase(String database) {
        ensureDatabase(jdbcUrl("postgres"), user(), "", database);
    }

    /** Creates {@code database} on the server behind {@code adminUrl} unless it exists already. */
    public static void ensureDatabase(String adminUrl, String user, String password, String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
