-- Patients, their programs (assignments with pinned exercise versions) and their session logs.
-- Every row carries its clinic: every query is scoped by the caller's clinic.

CREATE TABLE patient (
    id            uuid PRIMARY KEY,
    clinic_id     uuid         NOT NULL,
    display_name  varchar(120) NOT NULL,
    external_ref  varchar(64),
    date_of_birth date,
    timezone      varchar(64)  NOT NULL,
    physio_id     varchar(255),            -- the token subject of the assigned physio
    revision      bigint       NOT NULL,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);

CREATE INDEX patient_clinic_name_idx ON patient (clinic_id, lower(display_name), id);
CREATE UNIQUE INDEX patient_clinic_ref_idx ON patient (clinic_id, external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE program (
    id                   uuid PRIMARY KEY,
    clinic_id            uuid         NOT NULL,
    patient_id           uuid         NOT NULL REFERENCES patient (id),
    status               varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED')),
    template_slug        varchar(80),
    sessions_per_week    smallint     NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 14),
    start_date           date         NOT NULL,
    end_date             date,
    notes                varchar(2000),
    safety_confirmed_at  timestamptz,
    safety_confirmed_by  varchar(255),
    assigned_by          varchar(255) NOT NULL,
    ended_at             timestamptz,
    revision             bigint       NOT NULL,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

-- At most one open (active or paused) program per patient, whatever races happen.
CREATE UNIQUE INDEX program_one_open_per_patient ON program (patient_id) WHERE status IN ('ACTIVE', 'PAUSED');
CREATE INDEX program_patient_idx ON program (patient_id, created_at DESC);

CREATE TABLE program_item (
    program_id       uuid         NOT NULL REFERENCES program (id),
    position         integer      NOT NULL,
    id               uuid         NOT NULL UNIQUE,
    exercise_slug    varchar(80)  NOT NULL,
    exercise_version integer      NOT NULL,
    exercise_name    varchar(120) NOT NULL,
    dose             jsonb        NOT NULL,
    notes            varchar(300),
    PRIMARY KEY (program_id, position)
);

-- Pauses, so that weeks a physio paused a program are not counted against the patient.
CREATE TABLE program_pause (
    program_id uuid        NOT NULL REFERENCES program (id),
    paused_at  timestamptz NOT NULL,
    resumed_at timestamptz,
    PRIMARY KEY (program_id, paused_at)
);

CREATE TABLE session_log (
    id                  uuid PRIMARY KEY,
    clinic_id           uuid          NOT NULL,
    patient_id          uuid          NOT NULL REFERENCES patient (id),
    program_id          uuid          NOT NULL REFERENCES program (id),
    performed_at        timestamptz   NOT NULL,
    utc_offset_minutes  smallint      NOT NULL,   -- the client's offset, so local time is kept exactly
    local_date          date          NOT NULL,   -- the day in the patient's own time: weeks count by it
    pain_before         smallint      CHECK (pain_before BETWEEN 0 AND 10),
    pain_after          smallint      CHECK (pain_after BETWEEN 0 AND 10),
    perceived_difficulty smallint     CHECK (perceived_difficulty BETWEEN 1 AND 10),
    duration_seconds    integer       CHECK (duration_seconds BETWEEN 0 AND 86400),
    notes               varchar(2000),
    corrects_id         uuid REFERENCES session_log (id),
    logged_by           varchar(255)  NOT NULL,
    idempotency_key     varchar(128)  NOT NULL,
    request_hash        varchar(64)   NOT NULL,   -- SHA-256 of the canonical request, to tell a retry from a reuse
    created_at          timestamptz   NOT NULL,
    UNIQUE (patient_id, idempotency_key)
);

CREATE INDEX session_log_patient_date_idx ON session_log (patient_id, local_date DESC);
CREATE INDEX session_log_clinic_date_idx ON session_log (clinic_id, local_date);
CREATE INDEX session_log_corrects_idx ON session_log (corrects_id) WHERE corrects_id IS NOT NULL;

CREATE TABLE session_item (
    session_id      uuid        NOT NULL REFERENCES session_log (id),
    position        integer     NOT NULL,
    program_item_id uuid        NOT NULL,
    exercise_slug   varchar(80) NOT NULL,
    status          varchar(8)  NOT NULL CHECK (status IN ('DONE', 'SKIPPED')),
    sets_done       smallint    CHECK (sets_done BETWEEN 0 AND 100),
    reps_done       smallint    CHECK (reps_done BETWEEN 0 AND 1000),
    hold_seconds    integer     CHECK (hold_seconds BETWEEN 0 AND 3600),
    side            varchar(16),
    pain_during     smallint    CHECK (pain_during BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, position)
);
