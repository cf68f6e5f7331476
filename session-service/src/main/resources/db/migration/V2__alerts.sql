-- Alert rules are data: one row of thresholds per clinic (defaults when a clinic has none).
CREATE TABLE clinic_settings (
    clinic_id            uuid PRIMARY KEY,
    pain_after_threshold smallint     NOT NULL CHECK (pain_after_threshold BETWEEN 1 AND 10),
    pain_rise_threshold  smallint     NOT NULL CHECK (pain_rise_threshold BETWEEN 1 AND 10),
    inactivity_days      smallint     NOT NULL CHECK (inactivity_days BETWEEN 1 AND 90),
    revision             bigint       NOT NULL,
    updated_at           timestamptz  NOT NULL,
    updated_by           varchar(255) NOT NULL
);

-- One row per cause: the unique key makes raising idempotent, across retries and across instances.
CREATE TABLE alert (
    id              uuid PRIMARY KEY,
    clinic_id       uuid         NOT NULL,
    patient_id      uuid         NOT NULL REFERENCES patient (id),
    rule            varchar(16)  NOT NULL CHECK (rule IN ('PAIN_HIGH', 'PAIN_RISE', 'INACTIVE')),
    cause_key       varchar(200) NOT NULL,
    session_id      uuid REFERENCES session_log (id),
    program_id      uuid REFERENCES program (id),
    detail          varchar(500) NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED')),
    raised_at       timestamptz  NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by varchar(255),
    revision        bigint       NOT NULL,
    UNIQUE (clinic_id, rule, cause_key)
);

CREATE INDEX alert_clinic_status_idx ON alert (clinic_id, status, raised_at DESC);
CREATE INDEX alert_patient_open_idx ON alert (patient_id) WHERE status = 'OPEN';
