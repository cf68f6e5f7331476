-- Search as typed (issue #16, scenario 5b). Three changes to what V3/V4 built:
--
-- 1. The document vector is stored (doc_vector = title_vector || body_vector: name and aliases weigh A, the summary
--    B): the statement no longer concatenates two vectors for every match, once to recheck and once to rank, and
--    the GIN index is on the column. title_vector, body_vector and exercise_search_text_idx are no longer read from
--    this release on; they stay, kept by the trigger, for replicas of the previous release during a rolling
--    upgrade (migrations only add in a release: docs/operations.md), and go in a later release.
-- 2. search_word: every word written in a live exercise's name, aliases or summary (lower-cased, as the 'simple'
--    configuration splits them) with the English lexemes it is indexed under. The last word typed is matched as the
--    prefix of a word as written ("rotati" finds rotation, indexed as 'rotat'; "should" finds shoulder although
--    'should' is an English stop word), or its stem as the prefix of a lexeme ("stretches": 'stretch'): the words
--    and lexemes are looked up along these indexes, and the lexemes found make the
--    tsquery (ExerciseSearchSql). Insert-only (a word no exercise says any more only adds a lexeme that matches
--    nothing), so concurrent publishes never contend for a row they both need.
-- 3. A trigram index on title_words, so the typo fallback finds the names that look like the words with pg_trgm's
--    word-similarity operator (<%) instead of computing the similarity of every row.

ALTER TABLE exercise_search ADD COLUMN doc_vector tsvector;
UPDATE exercise_search SET doc_vector = title_vector || body_vector;
ALTER TABLE exercise_search ALTER COLUMN doc_vector SET NOT NULL;
CREATE INDEX exercise_search_doc_idx ON exercise_search USING gin (doc_vector);

CREATE TABLE search_word (
    word   text NOT NULL,   -- as written, lower-cased ('simple' configuration)
    lexeme text NOT NULL,   -- what the English configuration indexes it as (a stop word has none: not listed)
    PRIMARY KEY (word, lexeme)
);
-- the primary key's index serves "word LIKE 'rotati%'" only under the C collation; this one does under any
CREATE INDEX search_word_prefix_idx ON search_word (word text_pattern_ops);
CREATE INDEX search_word_lexeme_idx ON search_word (lexeme text_pattern_ops);

-- The words of a text and their lexemes, in word order (so concurrent inserts take their row locks in one order).
-- 'simple' splits a compound as the English configuration does ("short-lever": short-lever, short, lever); each
-- word's lexeme is the English stemmer's (a compound's is its own, 'short-lev'; a stop word has none).
CREATE FUNCTION search_words(body text) RETURNS TABLE (word text, lexeme text) AS
$$
SELECT w.word, l.lexeme
FROM unnest(tsvector_to_array(to_tsvector('simple', body))) AS w(word),
     unnest(ts_lexize('english_stem', w.word)) AS l(lexeme)
ORDER BY 1, 2
$$ LANGUAGE sql IMMUTABLE STRICT;

-- the words of the library as it is
INSERT INTO search_word (word, lexeme)
SELECT DISTINCT w.word, w.lexeme
FROM exercise_version v, search_words(v.name || ' ' || array_to_string(v.aliases, ' ') || ' ' || v.summary) w
WHERE v.searchable
ORDER BY 1, 2;

-- exercise_search_sync (V4) as it was, plus doc_vector and the words.
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
                                          title_vector, body_vector, title_words, doc_vector)
        SELECT NEW.exercise_id, NEW.id, e.slug, NEW.version, NEW.name, lower(NEW.name), NEW.summary, NEW.category,
               NEW.body_regions, NEW.start_position, NEW.equipment, NEW.difficulty, NEW.conditions, NEW.figure,
               t.title, t.body, lower(NEW.name || ' ' || array_to_string(NEW.aliases, ' ')), t.title || t.body
        FROM exercise e,
             LATERAL (SELECT setweight(to_tsvector('english', NEW.name || ' ' || array_to_string(NEW.aliases, ' ')),
                                       'A') AS title,
                             setweight(to_tsvector('english', NEW.summary), 'B') AS body) t
        WHERE e.id = NEW.exercise_id
        ON CONFLICT (exercise_id) DO UPDATE SET
            version_id = EXCLUDED.version_id, slug = EXCLUDED.slug, version = EXCLUDED.version,
            name = EXCLUDED.name, sort_key = EXCLUDED.sort_key, summary = EXCLUDED.summary,
            category = EXCLUDED.category, body_regions = EXCLUDED.body_regions,
            start_position = EXCLUDED.start_position, equipment = EXCLUDED.equipment,
            difficulty = EXCLUDED.difficulty, conditions = EXCLUDED.conditions, figure = EXCLUDED.figure,
            title_vector = EXCLUDED.title_vector, body_vector = EXCLUDED.body_vector,
            title_words = EXCLUDED.title_words, doc_vector = EXCLUDED.doc_vector;
        INSERT INTO search_word (word, lexeme)
        SELECT w.word, w.lexeme
        FROM search_words(NEW.name || ' ' || array_to_string(NEW.aliases, ' ') || ' ' || NEW.summary) w
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- The typo fallback's index, where pg_trgm is installed (V3 created it when the database user may).
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX exercise_search_title_trgm_idx ON exercise_search USING gin (title_words gin_trgm_ops);
    END IF;
END
$$;
