-- The clinic dashboard's figures kept as data (issue #16), so that a page costs the same whatever the clinic's size.
--
-- patient_day: what each patient's session logs that no later log corrects add up to, per local day (the log's
--   local_date): kept by a trigger in the transaction that stores a log (a correction subtracts the log it corrects
--   and adds itself). Summed per week it gives the weekly done count and pain averages; a day, not a week, so that a
--   log dated after the patient's today (a phone in another time zone) is left out until that day, as the raw count
--   leaves it out.
-- patient_refresh: when each patient's figures stop being true. Anything that changes them (a log, an alert, a
--   program or pause, the patient, the clinic's thresholds) makes them due at once (valid_until = -infinity) and
--   bumps generation; a refresh computes them for the patient's local day and marks them valid until the next local
--   midnight, unless generation moved meanwhile.
-- patient_figures: per patient and stored window, the dashboard's figures, with indexes for every sort and filter.
-- clinic_figures_count: the number of patients and of patients at risk per clinic and window, kept by a trigger.

CREATE TABLE patient_day (
    patient_id        uuid    NOT NULL REFERENCES patient (id),
    local_date        date    NOT NULL,
    done              integer NOT NULL,   -- logs with work done (an item DONE)
    pain_after_sum    integer NOT NULL,
    pain_after_count  integer NOT NULL,
    pain_before_sum   integer NOT NULL,
    pain_before_count integer NOT NULL,
    PRIMARY KEY (patient_id, local_date)
);

CREATE TABLE patient_refresh (
    patient_id  uuid        PRIMARY KEY REFERENCES patient (id),
    clinic_id   uuid        NOT NULL,
    generation  bigint      NOT NULL DEFAULT 0,
    valid_from  timestamptz NOT NULL DEFAULT '-infinity',
    valid_until timestamptz NOT NULL DEFAULT '-infinity'
);

CREATE INDEX patient_refresh_clinic_until_idx ON patient_refresh (clinic_id, valid_until);
CREATE INDEX patient_refresh_clinic_from_idx ON patient_refresh (clinic_id, valid_from);
CREATE INDEX patient_refresh_until_idx ON patient_refresh (valid_until);

CREATE TABLE patient_figures (
    patient_id                  uuid     NOT NULL REFERENCES patient (id),
    weeks                       smallint NOT NULL,
    clinic_id                   uuid     NOT NULL,
    name_key                    text COLLATE "C" NOT NULL,
    ref_key                     text COLLATE "C",
    -- UUID.compareTo's order (each 64-bit half compared signed) as a byte-ordered text: the ties' order
    id_key                      text COLLATE "C" NOT NULL GENERATED ALWAYS AS (
        translate(left(patient_id::text, 1), '0123456789abcdef', '89abcdef01234567')
            || substr(patient_id::text, 2, 17)
            || translate(substr(patient_id::text, 20, 1), '0123456789abcdef', '89abcdef01234567')
            || substr(patient_id::text, 21)) STORED,
    adherence                   float8,
    adherence_complete_weeks    float8,
    pain_trend                  float8,
    weekly_pain_after           float8[] NOT NULL,
    last_session_at             timestamptz,
    last_session_offset_minutes smallint,
    open_alerts                 integer  NOT NULL,
    at_risk                     boolean  NOT NULL,
    PRIMARY KEY (patient_id, weeks)
);

-- Every sort of the dashboard, both ways (ascending: no figure first; descending: no figure last; ties by id
-- ascending), for all patients and for the patients at risk: a page is a range scan of one of these.
CREATE INDEX patient_figures_name_idx ON patient_figures (clinic_id, weeks, name_key, id_key);
CREATE INDEX patient_figures_name_desc_idx ON patient_figures (clinic_id, weeks, name_key DESC, id_key);
CREATE INDEX patient_figures_adherence_idx ON patient_figures (clinic_id, weeks, adherence NULLS FIRST, id_key);
CREATE INDEX patient_figures_adherence_desc_idx
    ON patient_figures (clinic_id, weeks, adherence DESC NULLS LAST, id_key);
CREATE INDEX patient_figures_trend_idx ON patient_figures (clinic_id, weeks, pain_trend NULLS FIRST, id_key);
CREATE INDEX patient_figures_trend_desc_idx ON patient_figures (clinic_id, weeks, pain_trend DESC NULLS LAST, id_key);
CREATE INDEX patient_figures_last_idx ON patient_figures (clinic_id, weeks, last_session_at NULLS FIRST, id_key);
CREATE INDEX patient_figures_last_desc_idx
    ON patient_figures (clinic_id, weeks, last_session_at DESC NULLS LAST, id_key);
CREATE INDEX patient_figures_alerts_idx ON patient_figures (clinic_id, weeks, open_alerts, id_key);
CREATE INDEX patient_figures_alerts_desc_idx ON patient_figures (clinic_id, weeks, open_alerts DESC, id_key);
CREATE INDEX patient_figures_risk_name_idx ON patient_figures (clinic_id, weeks, name_key, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_name_desc_idx
    ON patient_figures (clinic_id, weeks, name_key DESC, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_adherence_idx
    ON patient_figures (clinic_id, weeks, adherence NULLS FIRST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_adherence_desc_idx
    ON patient_figures (clinic_id, weeks, adherence DESC NULLS LAST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_trend_idx
    ON patient_figures (clinic_id, weeks, pain_trend NULLS FIRST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_trend_desc_idx
    ON patient_figures (clinic_id, weeks, pain_trend DESC NULLS LAST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_last_idx
    ON patient_figures (clinic_id, weeks, last_session_at NULLS FIRST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_last_desc_idx
    ON patient_figures (clinic_id, weeks, last_session_at DESC NULLS LAST, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_alerts_idx
    ON patient_figures (clinic_id, weeks, open_alerts, id_key) WHERE at_risk;
CREATE INDEX patient_figures_risk_alerts_desc_idx
    ON patient_figures (clinic_id, weeks, open_alerts DESC, id_key) WHERE at_risk;

CREATE TABLE clinic_figures_count (
    clinic_id uuid     NOT NULL,
    weeks     smallint NOT NULL,
    patients  integer  NOT NULL,
    at_risk   integer  NOT NULL,
    PRIMARY KEY (clinic_id, weeks)
);

-- One statement-level trigger per event (transition tables allow one event each); the deltas of a statement are
-- added once per clinic and window, in key order.
CREATE FUNCTION clinic_figures_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO clinic_figures_count AS c (clinic_id, weeks, patients, at_risk)
        SELECT clinic_id, weeks, count(*), count(*) FILTER (WHERE at_risk)
        FROM new_rows GROUP BY clinic_id, weeks ORDER BY clinic_id, weeks
        ON CONFLICT (clinic_id, weeks) DO UPDATE
            SET patients = c.patients + excluded.patients, at_risk = c.at_risk + excluded.at_risk;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE clinic_figures_count c SET at_risk = c.at_risk + d.delta
        FROM (SELECT n.clinic_id, n.weeks, sum(n.at_risk::int - o.at_risk::int) AS delta
              FROM new_rows n JOIN old_rows o ON o.patient_id = n.patient_id AND o.weeks = n.weeks
              GROUP BY n.clinic_id, n.weeks
              HAVING sum(n.at_risk::int - o.at_risk::int) <> 0) d
        WHERE c.clinic_id = d.clinic_id AND c.weeks = d.weeks;
    ELSE
        UPDATE clinic_figures_count c SET patients = c.patients - d.patients, at_risk = c.at_risk - d.at_risk
        FROM (SELECT clinic_id, weeks, count(*) AS patients, count(*) FILTER (WHERE at_risk) AS at_risk
              FROM old_rows GROUP BY clinic_id, weeks) d
        WHERE c.clinic_id = d.clinic_id AND c.weeks = d.weeks;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER patient_figures_counted_insert AFTER INSERT ON patient_figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION clinic_figures_count_apply();
CREATE TRIGGER patient_figures_counted_update AFTER UPDATE ON patient_figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION clinic_figures_count_apply();
CREATE TRIGGER patient_figures_counted_delete AFTER DELETE ON patient_figures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION clinic_figures_count_apply();

-- A log adds itself to its day; a correction also subtracts the log it corrects (which no longer counts).
CREATE FUNCTION session_log_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO patient_day AS d (patient_id, local_date, done, pain_after_sum, pain_after_count, pain_before_sum,
                                  pain_before_count)
    VALUES (NEW.patient_id, NEW.local_date, NEW.work_done::int, coalesce(NEW.pain_after, 0),
            (NEW.pain_after IS NOT NULL)::int, coalesce(NEW.pain_before, 0), (NEW.pain_before IS NOT NULL)::int)
    ON CONFLICT (patient_id, local_date) DO UPDATE
        SET done = d.done + excluded.done,
            pain_after_sum = d.pain_after_sum + excluded.pain_after_sum,
            pain_after_count = d.pain_after_count + excluded.pain_after_count,
            pain_before_sum = d.pain_before_sum + excluded.pain_before_sum,
            pain_before_count = d.pain_before_count + excluded.pain_before_count;
    IF NEW.corrects_id IS NOT NULL THEN
        UPDATE patient_day d
        SET done = d.done - o.work_done::int,
            pain_after_sum = d.pain_after_sum - coalesce(o.pain_after, 0),
            pain_after_count = d.pain_after_count - (o.pain_after IS NOT NULL)::int,
            pain_before_sum = d.pain_before_sum - coalesce(o.pain_before, 0),
            pain_before_count = d.pain_before_count - (o.pain_before IS NOT NULL)::int
        FROM session_log o
        WHERE o.id = NEW.corrects_id AND d.patient_id = o.patient_id AND d.local_date = o.local_date;
    END IF;
    UPDATE patient_refresh SET generation = generation + 1, valid_until = '-infinity'
    WHERE patient_id = NEW.patient_id;
    RETURN NULL;
END $$;

CREATE TRIGGER session_log_rolled_up AFTER INSERT ON session_log
    FOR EACH ROW EXECUTE FUNCTION session_log_rollup();

-- Logs are stored once and never changed; the rollup relies on it.
CREATE FUNCTION session_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'session_log is append-only: a log is changed by logging its correction';
END $$;

CREATE TRIGGER session_log_no_update_or_delete BEFORE UPDATE OR DELETE ON session_log
    FOR EACH ROW EXECUTE FUNCTION session_log_is_append_only();

-- Anything else a patient's figures read makes them due.
CREATE FUNCTION patient_figures_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'patient' AND TG_OP = 'INSERT' THEN
        INSERT INTO patient_refresh (patient_id, clinic_id) VALUES (NEW.id, NEW.clinic_id);
    ELSIF TG_TABLE_NAME = 'patient' THEN
        UPDATE patient_refresh SET generation = generation + 1, valid_until = '-infinity' WHERE patient_id = NEW.id;
    ELSIF TG_TABLE_NAME = 'program_pause' THEN
        UPDATE patient_refresh r SET generation = r.generation + 1, valid_until = '-infinity'
        FROM program p WHERE p.id = NEW.program_id AND r.patient_id = p.patient_id;
    ELSIF TG_TABLE_NAME = 'clinic_settings' THEN
        UPDATE patient_refresh SET generation = generation + 1, valid_until = '-infinity'
        WHERE clinic_id = NEW.clinic_id;
    ELSE -- program, alert
        UPDATE patient_refresh SET generation = generation + 1, valid_until = '-infinity'
        WHERE patient_id = NEW.patient_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER patient_figures_due AFTER INSERT OR UPDATE ON patient
    FOR EACH ROW EXECUTE FUNCTION patient_figures_due();
CREATE TRIGGER program_figures_due AFTER INSERT OR UPDATE ON program
    FOR EACH ROW EXECUTE FUNCTION patient_figures_due();
CREATE TRIGGER program_pause_figures_due AFTER INSERT OR UPDATE ON program_pause
    FOR EACH ROW EXECUTE FUNCTION patient_figures_due();
CREATE TRIGGER alert_figures_due AFTER INSERT OR UPDATE OF status ON alert
    FOR EACH ROW EXECUTE FUNCTION patient_figures_due();
CREATE TRIGGER clinic_settings_figures_due AFTER INSERT OR UPDATE OF at_risk_adherence_percent, at_risk_pain_trend
    ON clinic_settings FOR EACH ROW EXECUTE FUNCTION patient_figures_due();

-- Existing installs: the rollup from the raw logs; every patient's figures due (computed on the first dashboard
-- read of the clinic, or by the scheduled refresh).
INSERT INTO patient_day (patient_id, local_date, done, pain_after_sum, pain_after_count, pain_before_sum,
                         pain_before_count)
SELECT s.patient_id, s.local_date, count(*) FILTER (WHERE s.work_done), coalesce(sum(s.pain_after), 0),
       count(s.pain_after), coalesce(sum(s.pain_before), 0), count(s.pain_before)
FROM session_log s
WHERE NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
GROUP BY s.patient_id, s.local_date;

INSERT INTO patient_refresh (patient_id, clinic_id)
SELECT id, clinic_id FROM patient;
