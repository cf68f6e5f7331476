-- What search reads: one narrow row per live exercise (its current published version, not retired), with the
-- columns a result card shows, the filter columns and two text vectors (name and aliases weigh A, the summary B).
-- A trigger on exercise_version keeps it in step with the searchable flag that publish and retire set, so every
-- writer (the service, the seed, a bulk load) keeps it right.
CREATE TABLE exercise_search (
    exercise_id    uuid         PRIMARY KEY REFERENCES exercise (id),
    version_id     uuid         NOT NULL,
    slug           varchar(80)  NOT NULL,
    version        integer      NOT NULL,
    name           varchar(120) NOT NULL,
    sort_key       text         NOT NULL,   -- lower(name): browse order and the tie-breaker, then slug
    summary        varchar(500) NOT NULL,
    category       varchar(16)  NOT NULL,
    body_regions   text[]       NOT NULL,
    start_position varchar(32)  NOT NULL,
    equipment      text[]       NOT NULL,
    difficulty     smallint     NOT NULL,
    conditions     text[]       NOT NULL,
    figure         jsonb,
    title_vector   tsvector     NOT NULL,
    body_vector    tsvector     NOT NULL,
    title_words    text         NOT NULL    -- lower(name and aliases): what typo tolerance compares with
);

CREATE INDEX exercise_search_text_idx ON exercise_search USING gin ((title_vector || body_vector));
CREATE INDEX exercise_search_regions_idx ON exercise_search USING gin (body_regions);
CREATE INDEX exercise_search_conditions_idx ON exercise_search USING gin (conditions);
CREATE INDEX exercise_search_equipment_idx ON exercise_search USING gin (equipment);
CREATE UNIQUE INDEX exercise_search_browse_idx ON exercise_search (sort_key, slug);

CREATE FUNCTION exercise_search_sync() RETURNS trigger AS
$$
BEGIN
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

CREATE TRIGGER exercise_search_sync
    AFTER INSERT OR UPDATE OR DELETE
    ON exercise_version
    FOR EACH ROW
EXECUTE FUNCTION exercise_search_sync();

-- Fill it for the existing library (an UPDATE of nothing fires the trigger for each searchable row).
UPDATE exercise_version SET searchable = searchable WHERE searchable;

-- Typo tolerance needs pg_trgm's word_similarity (a trusted extension: a database owner may create it; it runs only
-- when the words match nothing, so without an index). Where it cannot be created, search works without typo
-- tolerance and the service says so once.
DO
$$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION
    WHEN OTHERS THEN RAISE NOTICE 'pg_trgm not available (%): search runs without typo tolerance', SQLERRM;
END
$$;
