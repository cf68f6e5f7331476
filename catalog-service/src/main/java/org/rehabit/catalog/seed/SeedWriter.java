package org.rehabit.catalog.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rehabit.catalog.condition.ConditionInput;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.catalog.template.RoutineTemplateInput;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a seed library into the catalog's database over plain JDBC, inside a seed migration's transaction (Flyway
 * runs it before the application starts; no Hibernate). For each exercise of the seed:
 * <ul>
 * <li>no exercise has its slug: it is created and its content published as version 1;</li>
 * <li>its current version was written by a seed ({@code seeded_by} set), is its latest (no open draft) and it is not
 * retired: when the seed says something else, the seed's content is published as the next version (the one before
 * stays, for programs pinned to it);</li>
 * <li>otherwise an editor has changed it (published a version, opened a draft or retired it): it is left alone.</li>
 * </ul>
 * Conditions and routine templates are only ever added (by slug). Written content equals what the API would have
 * written for the same input (trimmed text, distinct lists, the same JSON), so a later comparison is exact; as the API
 * does, it refuses an exercise naming a condition the catalog lacks (the migration fails). Bean Validation of a seed
 * file is SeedLibraryTest's (every seed migration's file).
 */
public final class SeedWriter {

    /** What a run did. */
    public record Outcome(int added, int republished, int leftToEditors) {
    }

    private final Connection connection;
    private final String seededBy;
    private final ObjectMapper json;
    private final OffsetDateTime now;

    /**
     * @param seededBy what {@code seeded_by} says on the versions it writes: the seed migration's Flyway version
     */
    public SeedWriter(Connection connection, String seededBy, ObjectMapper json, Instant now) {
        this.connection = connection;
        this.seededBy = seededBy;
        this.json = json;
        this.now = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * Once, for databases the library was loaded into at start before it became migrations. A version 1 of a seed
     * exercise that says what the seed says (name, start position, steps) is the seed's own text: it gets the seed's
     * figure when it has none (it was loaded before exercises had pictures), and it is marked as the seed's when it is
     * still the exercise's current and latest version. A version 1 with other text (an older seed's, or an editor's)
     * is taken as the editors'. Returns how many figures it filled in.
     */
    public int recognize(SeedLibrary library) throws SQLException {
        String match = """
                FROM exercise e
                WHERE v.exercise_id = e.id AND e.slug = ? AND v.version = 1
                  AND v.name = ? AND v.start_position = ? AND v.steps = CAST(? AS jsonb)""";
        int filled = 0;
        try (PreparedStatement figure = connection.prepareStatement(
                "UPDATE exercise_version v SET figure = CAST(? AS jsonb) " + match + " AND v.figure IS NULL"
                        + " RETURNING e.id");
             PreparedStatement touch = connection.prepareStatement(
                     "UPDATE exercise SET revision = revision + 1, updated_at = ? WHERE id = ?");
             PreparedStatement mark = connection.prepareStatement(
                     "UPDATE exercise_version v SET seeded_by = ? " + match
                             + " AND e.current_version = 1 AND e.latest_version = 1")) {
            for (ExerciseInput input : library.exercises()) {
                if (input.figure() != null) {
                    figure.setString(1, toJson(input.figure()));
                    setMatch(figure, 2, input);
                    try (ResultSet rs = figure.executeQuery()) {
                        if (rs.next()) {
                            // the content clients read changed: the ETag must move, or a client would keep its copy
                            touch.setObject(1, now);
                            touch.setObject(2, rs.getObject(1, UUID.class));
                            touch.executeUpdate();
                            filled++;
                        }
                    }
                }
                mark.setString(1, seededBy);
                setMatch(mark, 2, input);
                mark.executeUpdate();
            }
        }
        return filled;
    }

    private void setMatch(PreparedStatement statement, int first, ExerciseInput input) throws SQLException {
        statement.setString(first, input.slug());
        statement.setString(first + 1, input.name().strip());
        statement.setString(first + 2, input.startPosition().name());
        statement.setString(first + 3, toJson(input.steps()));
    }

    /** Adds what the database lacks and publishes the seed's changes to content that is still the seed's. */
    public Outcome write(SeedLibrary library) throws SQLException {
        int added = 0;
        for (ConditionInput condition : library.conditions()) {
            added += addCondition(condition);
        }
        int republished = 0;
        int left = 0;
        for (ExerciseInput exercise : library.exercises()) {
            switch (writeExercise(exercise)) {
                case ADDED -> added++;
                case REPUBLISHED -> republished++;
                case LEFT_TO_EDITORS -> left++;
                case UNCHANGED -> { }
            }
        }
        for (RoutineTemplateInput template : library.routineTemplates()) {
            added += addTemplate(template);
        }
        return new Outcome(added, republished, left);
    }

    private enum Result { ADDED, REPUBLISHED, UNCHANGED, LEFT_TO_EDITORS }

    private Result writeExercise(ExerciseInput input) throws SQLException {
        checkConditions(input);
        try (PreparedStatement find = connection.prepareStatement("""
                SELECT e.id, e.current_version, e.latest_version, e.retired_at IS NOT NULL, v.seeded_by IS NOT NULL
                FROM exercise e LEFT JOIN exercise_version v ON v.exercise_id = e.id AND v.version = e.current_version
                WHERE e.slug = ?
                FOR UPDATE OF e""")) {
            find.setString(1, input.slug());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    UUID id = UUID.randomUUID();
                    try (PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO exercise (id, slug, current_version, latest_version, retired_at, revision,
                                                  created_at, updated_at)
                            VALUES (?, ?, 1, 1, NULL, 1, ?, ?)""")) {
                        insert.setObject(1, id);
                        insert.setString(2, input.slug());
                        insert.setObject(3, now);
                        insert.setObject(4, now);
                        insert.executeUpdate();
                    }
                    insertPublishedVersion(id, 1, input);
                    return Result.ADDED;
                }
                UUID id = rs.getObject(1, UUID.class);
                int current = rs.getInt(2);
                boolean published = !rs.wasNull();
                int latest = rs.getInt(3);
                boolean retired = rs.getBoolean(4);
                boolean seeds = rs.getBoolean(5);
                if (!published || current != latest || retired || !seeds) {
                    return sameContent(id, latest, input) ? Result.UNCHANGED : Result.LEFT_TO_EDITORS;
                }
                if (sameContent(id, current, input)) {
                    return Result.UNCHANGED;
                }
                try (PreparedStatement hide = connection.prepareStatement(
                        "UPDATE exercise_version SET searchable = false WHERE exercise_id = ? AND version = ?")) {
                    hide.setObject(1, id);
                    hide.setInt(2, current);
                    hide.executeUpdate();
                }
                insertPublishedVersion(id, current + 1, input);
                try (PreparedStatement move = connection.prepareStatement("""
                        UPDATE exercise SET current_version = ?, latest_version = ?, revision = revision + 1,
                                            updated_at = ?
                        WHERE id = ?""")) {
                    move.setInt(1, current + 1);
                    move.setInt(2, current + 1);
                    move.setObject(3, now);
                    move.setObject(4, id);
                    move.executeUpdate();
                }
                return Result.REPUBLISHED;
            }
        }
    }

    /** As the API's create and update: every condition an exercise names exists (a seed adds its own ones first). */
    private void checkConditions(ExerciseInput input) throws SQLException {
        if (input.conditions().isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        try (PreparedStatement find = connection.prepareStatement("SELECT slug FROM condition WHERE slug = ANY(?)")) {
            find.setArray(1, textArray(input.conditions()));
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        List<String> unknown = input.conditions().stream().filter(c -> !known.contains(c)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Seed exercise " + input.slug() + " names conditions the catalog lacks: "
                    + String.join(", ", unknown));
        }
    }

    /** Whether version {@code version} of the exercise holds exactly this content (JSON compared as values). */
    private boolean sameContent(UUID exercise, int version, ExerciseInput input) throws SQLException {
        try (PreparedStatement same = connection.prepareStatement("""
                SELECT 1 FROM exercise_version
                WHERE exercise_id = ? AND version = ?
                  AND name = ? AND aliases = ? AND summary = ? AND purpose = ? AND category = ?
                  AND body_regions = ? AND start_position = ? AND equipment = ? AND difficulty = ?
                  AND steps = CAST(? AS jsonb) AND cautions = ? AND contraindications = ? AND stop_rules = ?
                  AND default_dose = CAST(? AS jsonb) AND media = CAST(? AS jsonb)
                  AND figure IS NOT DISTINCT FROM CAST(? AS jsonb) AND conditions = ?
                  AND source IS NOT DISTINCT FROM CAST(? AS jsonb) AND licence = ?""")) {
            same.setObject(1, exercise);
            same.setInt(2, version);
            setContent(same, 3, input);
            try (ResultSet rs = same.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertPublishedVersion(UUID exercise, int version, ExerciseInput input) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO exercise_version (id, exercise_id, version, status, created_at, updated_at, published_at,
                                              searchable, seeded_by,
                                              name, aliases, summary, purpose, category, body_regions, start_position,
                                              equipment, difficulty, steps, cautions, contraindications, stop_rules,
                                              default_dose, media, figure, conditions, source, licence)
                VALUES (?, ?, ?, 'PUBLISHED', ?, ?, ?, true, ?,
                        ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb),
                        CAST(? AS jsonb), ?, CAST(? AS jsonb), ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, exercise);
            insert.setInt(3, version);
            insert.setObject(4, now);
            insert.setObject(5, now);
            insert.setObject(6, now);
            insert.setString(7, seededBy);
            setContent(insert, 8, input);
            insert.executeUpdate();
        }
    }

    /**
     * The content columns from {@code first} on, in the order both statements above name them, as the API stores them
     * ({@link ExerciseInput#normalized}).
     */
    private void setContent(PreparedStatement statement, int first, ExerciseInput input) throws SQLException {
        ExerciseInput content = input.normalized();
        int i = first;
        statement.setString(i++, content.name());
        statement.setArray(i++, textArray(content.aliases()));
        statement.setString(i++, content.summary());
        statement.setString(i++, content.purpose());
        statement.setString(i++, content.category().name());
        statement.setArray(i++, textArray(content.bodyRegions().stream().map(Enum::name).toList()));
        statement.setString(i++, content.startPosition().name());
        statement.setArray(i++, textArray(content.equipment()));
        statement.setShort(i++, content.difficulty().shortValue());
        statement.setString(i++, toJson(content.steps()));
        statement.setArray(i++, textArray(content.cautions()));
        statement.setArray(i++, textArray(content.contraindications()));
        statement.setArray(i++, textArray(content.stopRules()));
        statement.setString(i++, toJson(content.defaultDose()));
        statement.setString(i++, toJson(content.media()));
        setJsonOrNull(statement, i++, content.figure());
        statement.setArray(i++, textArray(content.conditions()));
        setJsonOrNull(statement, i++, content.source());
        statement.setString(i, content.licence());
    }

    private int addCondition(ConditionInput condition) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO condition (id, slug, name, description, body_regions, guidance, see_doctor_first,
                                       red_flags, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (slug) DO NOTHING""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, condition.slug());
            insert.setString(3, condition.name());
            insert.setString(4, condition.description());
            insert.setArray(5, textArray(condition.bodyRegions().stream().map(Enum::name).toList()));
            insert.setString(6, condition.guidance());
            insert.setBoolean(7, condition.seeDoctorFirst());
            insert.setArray(8, textArray(condition.redFlags()));
            insert.setObject(9, now);
            return insert.executeUpdate();
        }
    }

    private int addTemplate(RoutineTemplateInput template) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO routine_template (id, slug, name, summary, condition_slug, items, created_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (slug) DO NOTHING""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, template.slug());
            insert.setString(3, template.name());
            insert.setString(4, template.summary());
            insert.setString(5, template.condition());
            insert.setString(6, toJson(template.items()));
            insert.setObject(7, now);
            return insert.executeUpdate();
        }
    }

    private void setJsonOrNull(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, toJson(value));
        }
    }

    private Array textArray(List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Seed content that cannot be written as JSON", e);
        }
    }
}
