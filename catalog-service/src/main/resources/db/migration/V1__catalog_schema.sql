-- The exercise library. Exercises are identified by a stable slug; their content lives in
-- immutable published versions (plus at most one editable draft, always the latest version).

CREATE TABLE exercise (
    id              uuid PRIMARY KEY,
    slug            varchar(80)  NOT NULL UNIQUE,
    current_version integer,                 -- the published version clients see; null until first publish
    latest_version  integer      NOT NULL,   -- highest version number, draft or published
    retired_at      timestamptz,
    revision        bigint       NOT NULL,   -- optimistic lock; the exercise's ETag
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    CHECK (current_version IS NULL OR current_version <= latest_version)
);

CREATE TABLE exercise_version (
    id                uuid PRIMARY KEY,
    exercise_id       uuid          NOT NULL REFERENCES exercise (id),
    version           integer       NOT NULL CHECK (version >= 1),
    status            varchar(16)   NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    name              varchar(120)  NOT NULL,
    aliases           text[]        NOT NULL,
    summary           varchar(500)  NOT NULL,
    purpose           varchar(1000) NOT NULL,
    category          varchar(16)   NOT NULL,
    body_regions      text[]        NOT NULL,
    start_position    varchar(32)   NOT NULL,
    equipment         text[]        NOT NULL,
    difficulty        smallint      NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
    steps             jsonb         NOT NULL,
    cautions          text[]        NOT NULL,
    contraindications text[]        NOT NULL,
    stop_rules        text[]        NOT NULL,
    default_dose      jsonb         NOT NULL,
    media             jsonb         NOT NULL,
    conditions        text[]        NOT NULL,
    source            jsonb,
    licence           varchar(64)   NOT NULL,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    published_at      timestamptz,
    -- true only for the current published version of an exercise that is not retired: what search sees
    searchable        boolean       NOT NULL DEFAULT false,
    -- maintained by the trigger below; never written by the application
    search_vector     tsvector      NOT NULL DEFAULT ''::tsvector,
    UNIQUE (exercise_id, version)
);

CREATE FUNCTION exercise_version_search_vector() RETURNS trigger AS
$$
BEGIN
    NEW.search_vector :=
            setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(array_to_string(NEW.aliases, ' '), '')), 'A') ||
            setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER exercise_version_search_vector
    BEFORE INSERT OR UPDATE OF name, aliases, summary
    ON exercise_version
    FOR EACH ROW
EXECUTE FUNCTION exercise_version_search_vector();

-- Search only ever looks at searchable rows: partial indexes keep them small and fast.
CREATE INDEX exercise_version_search_idx ON exercise_version USING gin (search_vector) WHERE searchable;
CREATE INDEX exercise_version_regions_idx ON exercise_version USING gin (body_regions) WHERE searchable;
CREATE INDEX exercise_version_conditions_idx ON exercise_version USING gin (conditions) WHERE searchable;
CREATE INDEX exercise_version_equipment_idx ON exercise_version USING gin (equipment) WHERE searchable;
CREATE INDEX exercise_version_browse_idx ON exercise_version (lower(name), exercise_id) WHERE searchable;

CREATE TABLE condition (
    id               uuid PRIMARY KEY,
    slug             varchar(80)   NOT NULL UNIQUE,
    name             varchar(120)  NOT NULL,
    description      varchar(2000) NOT NULL,
    body_regions     text[]        NOT NULL,
    guidance         varchar(2000) NOT NULL,
    see_doctor_first boolean       NOT NULL,
    red_flags        text[]        NOT NULL,
    created_at       timestamptz   NOT NULL
);

CREATE TABLE routine_template (
    id             uuid PRIMARY KEY,
    slug           varchar(80)  NOT NULL UNIQUE,
    name           varchar(120) NOT NULL,
    summary        varchar(500) NOT NULL,
    condition_slug varchar(80) REFERENCES condition (slug),
    items          jsonb        NOT NULL,   -- ordered [{exercise, dose, notes}]
    created_at     timestamptz  NOT NULL
);

CREATE INDEX routine_template_condition_idx ON routine_template (condition_slug);
