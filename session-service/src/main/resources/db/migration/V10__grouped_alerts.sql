-- Alerts are grouped: one OPEN alert per patient and rule, carrying its occurrences (one per cause).
-- The "once per cause" key moves from alert to alert_occurrence.
CREATE TABLE alert_occurrence (
    id         uuid PRIMARY KEY,
    -- set in the transaction that inserts the occurrence, right after its group is found or opened
    alert_id   uuid REFERENCES alert (id),
    clinic_id  uuid         NOT NULL,
    patient_id uuid         NOT NULL REFERENCES patient (id),
    rule       varchar(16)  NOT NULL,
    cause_key  varchar(200) NOT NULL,
    session_id uuid REFERENCES session_log (id),
    program_id uuid REFERENCES program (id),
    detail     varchar(500) NOT NULL,
    raised_at  timestamptz  NOT NULL,
    UNIQUE (clinic_id, rule, cause_key)
);
CREATE INDEX alert_occurrence_alert_idx ON alert_occurrence (alert_id, raised_at DESC);

ALTER TABLE alert
    ADD COLUMN occurrences       integer NOT NULL DEFAULT 1,
    ADD COLUMN last_raised_at    timestamptz,
    ADD COLUMN acknowledged_note varchar(500);
UPDATE alert SET last_raised_at = raised_at;
ALTER TABLE alert ALTER COLUMN last_raised_at SET NOT NULL;
-- an alert's cause_key is now its first occurrence's; the unique key lives on alert_occurrence
ALTER TABLE alert DROP CONSTRAINT alert_clinic_id_rule_cause_key_key;

-- every existing alert becomes an occurrence of itself
INSERT INTO alert_occurrence (id, alert_id, clinic_id, patient_id, rule, cause_key, session_id, program_id, detail,
                              raised_at)
SELECT gen_random_uuid(), id, clinic_id, patient_id, rule, cause_key, session_id, program_id, detail, raised_at
FROM alert;

-- the open alerts of a patient and rule merge into the first one raised
WITH ranked AS (
    SELECT id, first_value(id) OVER (PARTITION BY patient_id, rule ORDER BY raised_at, id) AS keeper
    FROM alert WHERE status = 'OPEN'
)
UPDATE alert_occurrence o SET alert_id = r.keeper FROM ranked r WHERE o.alert_id = r.id AND r.id <> r.keeper;

DELETE FROM alert a
WHERE a.status = 'OPEN' AND NOT EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = a.id);

UPDATE alert a
SET occurrences    = g.n,
    last_raised_at = g.last_raised_at,
    detail         = g.detail,
    session_id     = g.session_id,
    program_id     = g.program_id
FROM (SELECT DISTINCT ON (alert_id) alert_id, count(*) OVER (PARTITION BY alert_id) AS n, raised_at AS last_raised_at,
             detail, session_id, program_id
      FROM alert_occurrence ORDER BY alert_id, raised_at DESC, id) g
WHERE g.alert_id = a.id AND a.status = 'OPEN';

CREATE UNIQUE INDEX alert_one_open_per_patient_rule ON alert (patient_id, rule) WHERE status = 'OPEN';
DROP INDEX alert_clinic_status_idx;
CREATE INDEX alert_clinic_status_idx ON alert (clinic_id, status, last_raised_at DESC);
