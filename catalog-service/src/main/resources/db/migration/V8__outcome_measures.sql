-- Outcome measures: validated questionnaires as versioned catalog content (docs/outcome-measures.md). An instrument
-- is named by a stable slug; its content (items, answer ranges, scoring rule, MCID, citation, terms) lives in
-- published versions that never change. Shipped instruments are written by V8_1__Seed_instruments.

CREATE TABLE instrument (
    id              uuid PRIMARY KEY,
    slug            varchar(80) NOT NULL UNIQUE,
    current_version integer     NOT NULL CHECK (current_version >= 1),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE instrument_version (
    id            uuid PRIMARY KEY,
    instrument_id uuid          NOT NULL REFERENCES instrument (id),
    version       integer       NOT NULL CHECK (version >= 1),
    name          varchar(120)  NOT NULL,
    abbreviation  varchar(16)   NOT NULL,
    measures      varchar(1000) NOT NULL,
    -- null, as every item's text and answer labels, when the instrument's terms keep its text out of Rehabit
    instructions  varchar(2000),
    items         jsonb         NOT NULL,   -- ordered [{id, min, max, text, labels: [{value, label}]}]
    scoring       jsonb         NOT NULL,   -- org.rehabit.support.outcome.ScoringRule
    mcid          jsonb         NOT NULL,   -- {value, source}
    citation      varchar(1000) NOT NULL,
    terms         varchar(2000) NOT NULL,
    text_shipped  boolean       NOT NULL,
    seeded_by     varchar(16),              -- the seed migration that wrote it; null for what editors publish
    published_at  timestamptz   NOT NULL,
    UNIQUE (instrument_id, version)
);

-- Published versions are never changed or deleted: answers scored by a version must stay explained by it.
CREATE FUNCTION instrument_version_immutable() RETURNS trigger AS
$$
BEGIN
    RAISE EXCEPTION 'instrument versions are immutable once published';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER instrument_version_immutable
    BEFORE UPDATE OR DELETE
    ON instrument_version
    FOR EACH ROW
EXECUTE FUNCTION instrument_version_immutable();

-- A version shipped without its text gets this installation's licensed text here, one per version; importing again
-- replaces it. The version's own row (items, rules) never changes.
CREATE TABLE instrument_text (
    instrument_version_id uuid PRIMARY KEY REFERENCES instrument_version (id),
    instructions          varchar(2000),
    items                 jsonb        NOT NULL,   -- [{id, text, labels: [{value, label}]}], one per item
    source                varchar(500) NOT NULL,   -- whose licence allows it, e.g. "Mapi Research Trust licence 123"
    imported_by           varchar(255) NOT NULL,
    imported_at           timestamptz  NOT NULL
);
