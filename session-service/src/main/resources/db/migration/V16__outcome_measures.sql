-- Outcome measures: an instrument version assigned to a patient on a schedule, pinned with what scoring needs (its
-- items' ids and ranges, its rule and MCID, copied from the catalog when assigned), and the patient's responses,
-- each scored by the pinned rule (or, with too many items missing, stored with no score and the reason).
CREATE TABLE outcome_assignment (
    id                 uuid PRIMARY KEY,
    clinic_id          uuid          NOT NULL,
    patient_id         uuid          NOT NULL REFERENCES patient (id),
    instrument_slug    varchar(64)   NOT NULL,
    instrument_version integer       NOT NULL CHECK (instrument_version >= 1),
    instrument_name    varchar(200)  NOT NULL,
    abbreviation       varchar(32),
    items              jsonb         NOT NULL,   -- [{"id", "min", "max"}] as the pinned version has them
    scoring            jsonb         NOT NULL,   -- the pinned version's rule (service-support's ScoringRule)
    mcid               double precision,         -- in score points; null when the version names none
    schedule           varchar(16)   NOT NULL CHECK (schedule IN ('INTAKE', 'EVERY_N_WEEKS', 'DISCHARGE')),
    every_weeks        integer       CHECK (every_weeks BETWEEN 1 AND 52),
    status             varchar(16)   NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
    assigned_at        timestamptz   NOT NULL,
    assigned_by        varchar(255)  NOT NULL,
    cancelled_at       timestamptz,
    cancelled_by       varchar(255),
    revision           bigint        NOT NULL,
    CHECK ((schedule = 'EVERY_N_WEEKS') = (every_weeks IS NOT NULL))
);
CREATE INDEX outcome_assignment_patient_idx ON outcome_assignment (patient_id, assigned_at);

CREATE TABLE outcome_response (
    id              uuid PRIMARY KEY,
    assignment_id   uuid             NOT NULL REFERENCES outcome_assignment (id),
    number          integer          NOT NULL CHECK (number >= 1),   -- 1 for the first response, in order
    clinic_id       uuid             NOT NULL,
    patient_id      uuid             NOT NULL REFERENCES patient (id),
    answered_at     timestamptz      NOT NULL,
    answered_by     varchar(255)     NOT NULL,
    answers         jsonb            NOT NULL,   -- {"item id": answer}; an unanswered item is absent
    activities      jsonb,                       -- PSFS: {"item id": "the activity the patient named"}
    score           double precision,
    answered_count  integer          NOT NULL,
    missing_count   integer          NOT NULL,
    unscored_reason varchar(300),
    CHECK ((score IS NULL) = (unscored_reason IS NOT NULL))
);
CREATE UNIQUE INDEX outcome_response_assignment_idx ON outcome_response (assignment_id, number);
CREATE INDEX outcome_response_patient_idx ON outcome_response (patient_id, assignment_id);

-- A score worse than the assignment's baseline by at least the MCID raises OUTCOME_WORSE (grouped like the others).
ALTER TABLE alert DROP CONSTRAINT alert_rule_check;
ALTER TABLE alert ADD CONSTRAINT alert_rule_check
    CHECK (rule IN ('PAIN_HIGH', 'PAIN_RISE', 'PAIN_DURING', 'INACTIVE', 'OUTCOME_WORSE'));
