package org.rehabit.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses to start a service whose database server is older than the oldest PostgreSQL Rehabit supports, with
 * one clear line naming both versions, instead of failing at the first query that needs something newer. Services
 * without a datasource (the gateway) are left alone.
 */
@ApplicationScoped
public class PostgresVersion {

    /** The oldest PostgreSQL major version the services' SQL and migrations run on. */
    public static final int OLDEST_SUPPORTED = 15;

    private static final Logger LOG = Logger.getLogger(PostgresVersion.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
                 Instance<DataSource> dataSource) {
        if (dataSource.isResolvable()) {
            LOG.infof("Database: PostgreSQL %s (oldest supported: %d)", check(dataSource.get()), OLDEST_SUPPORTED);
        }
    }

    /** The version of the server behind {@code dataSource} (e.g. "18.1"); throws if it is too old. */
    public static String check(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            return check(rs.getInt(1), rs.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the PostgreSQL server's version: " + e.getMessage(), e);
        }
    }

    /**
     * {@code version} if {@code versionNum} (PostgreSQL's {@code server_version_num}, e.g. 150015 for 15.15) is
     * at least {@link #OLDEST_SUPPORTED}; throws otherwise, after logging the same one-line message.
     */
    static String check(int versionNum, String version) {
        if (versionNum / 10000 < OLDEST_SUPPORTED) {
            String message = "PostgreSQL " + version + " found, but Rehabit needs PostgreSQL " + OLDEST_SUPPORTED
                    + " or newer: upgrade the database server";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        return version;
    }
}
