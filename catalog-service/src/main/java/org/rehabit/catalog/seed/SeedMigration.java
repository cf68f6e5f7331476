package org.rehabit.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A migration that writes shipped content into the catalog: the library Rehabit ships with
 * ({@link V6__Seed_library}) and every later content fix, each a class of its own named as Flyway names migrations
 * ({@code V9__Fix_open_book_steps}) over a seed file of its own holding only what it changes (the same shape as
 * {@code seed/catalog-seed.json}). Flyway runs each once per database, before the application starts, in its
 * transaction; {@link SeedWriter} says what a seed may change (never what an editor changed).
 */
public abstract class SeedMigration extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(SeedMigration.class);

    /** Class-path location of this migration's seed file. */
    protected abstract String resource();

    /** Whether this migration first recognizes the content loaded at start by installs older than it (V6 only). */
    protected boolean recognizesEarlierLoads() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        run(context.getConnection());
    }

    /** What {@link #migrate} does, on a connection whose transaction the caller owns. */
    public SeedWriter.Outcome run(Connection connection) throws SQLException {
        long start = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        SeedLibrary library = read(json, resource());
        SeedWriter writer = new SeedWriter(connection, getVersion().getVersion(), json, Instant.now());
        int figures = recognizesEarlierLoads() ? writer.recognize(library) : 0;
        SeedWriter.Outcome outcome = writer.write(library);
        LOG.infof("%s: %d items added, %d exercises published again with the seed's changes, %d left as editors"
                        + " changed them%s (%d ms)", getDescription(), outcome.added(), outcome.republished(),
                outcome.leftToEditors(), figures > 0 ? ", figures given to " + figures + " seeded exercises" : "",
                (System.nanoTime() - start) / 1_000_000);
        return outcome;
    }

    /** Reads a seed file; unknown fields are an error (a misspelt field would silently drop content). */
    public static SeedLibrary read(ObjectMapper json, String resource) {
        try (InputStream in = SeedMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed file " + resource + " is not on the class path");
            }
            return json.readValue(in, SeedLibrary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Seed file " + resource + " is unreadable", e);
        }
    }
}
