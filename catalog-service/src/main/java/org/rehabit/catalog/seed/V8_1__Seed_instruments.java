package org.rehabit.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;
import org.rehabit.catalog.instrument.InstrumentInput;
import org.rehabit.catalog.instrument.InstrumentRules;
import org.rehabit.support.Problem.FieldError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome-measure instruments Rehabit ships ({@code seed/instruments.json}, docs/outcome-measures.md): each one
 * absent from the database is published as version 1, marked as the seed's. The tables are V8's. A file whose rule
 * does not fit its items fails the migration (the service does not start on unsound scoring).
 */
public class V8_1__Seed_instruments extends BaseJavaMigration {

    /** The instruments' file; tests read it too. */
    public static final String RESOURCE = "seed/instruments.json";

    private static final Logger LOG = Logger.getLogger(V8_1__Seed_instruments.class);

    @Override
    public void migrate(Context context) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        InstrumentSeed seed = read(json);
        Connection connection = context.getConnection();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        int added = 0;
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM instrument WHERE slug = ?");
             PreparedStatement instrument = connection.prepareStatement("INSERT INTO instrument (id, slug,"
                     + " current_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)");
             PreparedStatement version = connection.prepareStatement("INSERT INTO instrument_version (id,"
                     + " instrument_id, version, name, abbreviation, measures, instructions, items, scoring, mcid,"
                     + " citation, terms, text_shipped, seeded_by, published_at) VALUES (?, ?, 1, ?, ?, ?, ?,"
                     + " CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, InstrumentInput> entry : seed.instruments().entrySet()) {
                String slug = entry.getKey();
                InstrumentInput input = entry.getValue();
                List<FieldError> errors = InstrumentRules.check(slug, input);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("Seed instrument " + slug + " is unsound: " + errors);
                }
                exists.setString(1, slug);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                UUID id = UUID.randomUUID();
                instrument.setObject(1, id);
                instrument.setString(2, slug);
                instrument.setTimestamp(3, now);
                instrument.setTimestamp(4, now);
                instrument.executeUpdate();
                version.setObject(1, UUID.randomUUID());
                version.setObject(2, id);
                version.setString(3, input.name());
                version.setString(4, input.abbreviation());
                version.setString(5, input.measures());
                version.setString(6, input.instructions());
                version.setString(7, json.writeValueAsString(input.items()));
                version.setString(8, json.writeValueAsString(input.scoring()));
                version.setString(9, json.writeValueAsString(input.mcid()));
                version.setString(10, input.citation());
                version.setString(11, input.terms());
                version.setBoolean(12, input.items().stream().allMatch(i -> i.text() != null));
                version.setString(13, getVersion().getVersion());
                version.setTimestamp(14, now);
                version.executeUpdate();
                added++;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Seed instruments could not be written as JSON", e);
        }
        LOG.infof("%s: %d instruments added", getDescription(), added);
    }

    /** Reads the seed file; unknown fields are an error (a misspelt field would silently drop content). */
    public static InstrumentSeed read(ObjectMapper json) {
        try (InputStream in = V8_1__Seed_instruments.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Seed file " + RESOURCE + " is not on the class path");
            }
            return json.readValue(in, InstrumentSeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Seed file " + RESOURCE + " is unreadable", e);
        }
    }
}
