-- Search as typed, never asked before (issue #16, scenario 5b): what a text search ranks and counts, in a narrow
-- table of its own. A word that starts half the library ("sho": 5,370 of 10,000) is ranked and counted over every
-- match, which read every page of exercise_search (rows of ~1.3 kB: the card's columns, the figure, three vectors)
-- and, to reach doc_vector (V9 added it last), walked every column before it. Here a row is the document vector, the
-- order's columns and the filters' (~0.5 kB, the vector first after the fixed-width columns): a third of the pages.
-- exercise_search stays what the cards, browsing and the typo fallback read.
--
-- Kept in step by a trigger on exercise_search itself, so every writer of that table (V9's exercise_search_sync, in
-- the same transaction as the generation's move) keeps this one right, replicas of the previous release included.
CREATE TABLE exercise_rank (
    exercise_id    uuid         PRIMARY KEY,
    difficulty     smallint     NOT NULL,
    doc_vector     tsvector     NOT NULL,
    sort_key       text         NOT NULL,
    slug           varchar(80)  NOT NULL,
    category       varchar(16)  NOT NULL,
    start_position varchar(32)  NOT NULL,
    body_regions   text[]       NOT NULL,
    conditions     text[]       NOT NULL,
    equipment      text[]       NOT NULL
);

CREATE INDEX exercise_rank_doc_idx ON exercise_rank USING gin (doc_vector);

CREATE FUNCTION exercise_rank_sync() RETURNS trigger AS
$$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.exercise_id <> NEW.exercise_id) THEN
        DELETE FROM exercise_rank WHERE exercise_id = OLD.exercise_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO exercise_rank (exercise_id, difficulty, doc_vector, sort_key, slug, category, start_position,
                                   body_regions, conditions, equipment)
        VALUES (NEW.exercise_id, NEW.difficulty, NEW.doc_vector, NEW.sort_key, NEW.slug, NEW.category,
                NEW.start_position, NEW.body_regions, NEW.conditions, NEW.equipment)
        ON CONFLICT (exercise_id) DO UPDATE SET
            difficulty = EXCLUDED.difficulty, doc_vector = EXCLUDED.doc_vector, sort_key = EXCLUDED.sort_key,
            slug = EXCLUDED.slug, category = EXCLUDED.category, start_position = EXCLUDED.start_position,
            body_regions = EXCLUDED.body_regions, conditions = EXCLUDED.conditions, equipment = EXCLUDED.equipment;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- the trigger first: creating it locks exercise_search against writes until this migration commits, so no publish
-- falls between the copy below and the trigger
CREATE TRIGGER exercise_rank_sync
    AFTER INSERT OR UPDATE OR DELETE
    ON exercise_search
    FOR EACH ROW
EXECUTE FUNCTION exercise_rank_sync();

-- the library as it is, in name order
INSERT INTO exercise_rank (exercise_id, difficulty, doc_vector, sort_key, slug, category, start_position,
                           body_regions, conditions, equipment)
SELECT exercise_id, difficulty, doc_vector, sort_key, slug, category, start_position, body_regions, conditions,
       equipment
FROM exercise_search
ORDER BY sort_key, slug
ON CONFLICT (exercise_id) DO NOTHING;

ANALYZE exercise_rank;
