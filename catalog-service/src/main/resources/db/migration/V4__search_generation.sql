-- The library's generation: a number that moves whenever what search shows changes (a row of exercise_search is
-- written or removed: publish, retire, a published version's content fixed in place), in the same transaction as
-- the change. Every catalog replica keys its search-result cache by it and reads it before each search, so a
-- search that starts after such a change commits never answers from an older generation's results, on any replica.
CREATE TABLE search_generation (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),   -- one row
    generation bigint  NOT NULL,
    last_xact  xid8                                          -- the transaction that last moved it
);

INSERT INTO search_generation (generation) VALUES (1);

-- exercise_search_sync (V3) as it was, plus the bump: once per transaction (a bulk publish moves it once), and a
-- second writer waits for the first's row lock, then moves it again after that one committed.
CREATE OR REPLACE FUNCTION exercise_search_sync() RETURNS trigger AS
$$
BEGIN
    IF (TG_OP IN ('UPDATE', 'DELETE') AND OLD.searchable) OR (TG_OP IN ('INSERT', 'UPDATE') AND NEW.searchable) THEN
        UPDATE search_generation SET generation = generation + 1, last_xact = pg_current_xact_id()
        WHERE last_xact IS DISTINCT FROM pg_current_xact_id();
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.searchable THEN
        DELETE FROM exercise_search WHERE version_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.searchable THEN
        INSERT INTO exercise_search AS s (exercise_id, version_id, slug, version, name, sort_key, summary, category,
                                          body_regions, start_position, equipment, difficulty, conditions, figure,
                                          title_vector, body_vector, title_words)
        SELECT NEW.exercise_id, NEW.id, e.slug, NEW.version, NEW.name, lower(NEW.name), NEW.summary, NEW.category,
               NEW.body_regions, NEW.start_position, NEW.equipment, NEW.difficulty, NEW.conditions, NEW.figure,
               setweight(to_tsvector('english', NEW.name || ' ' || array_to_string(NEW.aliases, ' ')), 'A'),
               setweight(to_tsvector('english', NEW.summary), 'B'),
               lower(NEW.name || ' ' || array_to_string(NEW.aliases, ' '))
        FROM exercise e WHERE e.id = NEW.exercise_id
        ON CONFLICT (exercise_id) DO UPDATE SET
            version_id = EXCLUDED.version_id, slug = EXCLUDED.slug, version = EXCLUDED.version,
            name = EXCLUDED.name, sort_key = EXCLUDED.sort_key, summary = EXCLUDED.summary,
            category = EXCLUDED.category, body_regions = EXCLUDED.body_regions,
            start_position = EXCLUDED.start_position, equipment = EXCLUDED.equipment,
            difficulty = EXCLUDED.difficulty, conditions = EXCLUDED.conditions, figure = EXCLUDED.figure,
            title_vector = EXCLUDED.title_vector, body_vector = EXCLUDED.body_vector,
            title_words = EXCLUDED.title_words;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
