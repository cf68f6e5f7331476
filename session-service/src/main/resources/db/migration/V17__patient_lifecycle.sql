-- The patient lifecycle (issue #17): voided sessions, discharge and reactivation, erasure on request.
--
-- session_void: a session logged in error stays in session_log (append-only) and is voided by a row here (who,
--   when, why). Only a log that stands (no correction supersedes it) is voided; a voided log is not corrected. Its
--   insert takes the log out of patient_day and makes the patient's figures due, as a correction does for the log
--   it corrects: every figure leaves it out as if it had never been logged.
-- patient.status: ACTIVE or DISCHARGED. A discharged patient has no stored dashboard figures (their rows and their
--   patient_refresh row go) until reactivated; access_ends_on is the last day (in the patient's time zone) their own
--   token is accepted.
-- Erasure: a transaction that sets rehabit.erasing_patient to a patient's id may delete that patient's session logs
--   and audit rows, which are otherwise append-only; nothing else changes for anyone else.

CREATE TABLE session_void (
    session_id uuid         PRIMARY KEY REFERENCES session_log (id),
    patient_id uuid         NOT NULL REFERENCES patient (id),
    clinic_id  uuid         NOT NULL,
    voided_at  timestamptz  NOT NULL,
    voided_by  varchar(255) NOT NULL,   -- the token subject of who voided it
    reason     varchar(500) NOT NULL
);

CREATE INDEX session_void_patient_idx ON session_void (patient_id);

CREATE FUNCTION session_void_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = NEW.session_id) THEN
        RAISE EXCEPTION 'session % is superseded by its correction: void the correction', NEW.session_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_void_standing';
    END IF;
    UPDATE patient_day d
    SET done = d.done - o.work_done::int,
        pain_after_sum = d.pain_after_sum - coalesce(o.pain_after, 0),
        pain_after_count = d.pain_after_count - (o.pain_after IS NOT NULL)::int,
        pain_before_sum = d.pain_before_sum - coalesce(o.pain_before, 0),
        pain_before_count = d.pain_before_count - (o.pain_before IS NOT NULL)::int
    FROM session_log o
    WHERE o.id = NEW.session_id AND d.patient_id = o.patient_id AND d.local_date = o.local_date;
    UPDATE patient_refresh SET generation = generation + 1, valid_until = '-infinity'
    WHERE patient_id = NEW.patient_id;
    RETURN NULL;
END $$;

CREATE TRIGGER session_void_rolled_up AFTER INSERT ON session_void
    FOR EACH ROW EXECUTE FUNCTION session_void_rollup();

-- A void is final (an erasure deletes it with everything else of the patient).
CREATE FUNCTION session_void_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('rehabit.erasing_patient', true) = OLD.patient_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'session_void is final: % refused', TG_OP;
END $$;

CREATE TRIGGER session_void_no_update_or_delete BEFORE UPDATE OR DELETE ON session_void
    FOR EACH ROW EXECUTE FUNCTION session_void_is_final();

-- A correction of a voided log is refused (it would take the voided log out of patient_day a second time).
CREATE OR REPLACE FUNCTION session_log_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.corrects_id IS NOT NULL AND EXISTS (SELECT 1 FROM session_void v WHERE v.session_id = NEW.corrects_id) THEN
        RAISE EXCEPTION 'session % is voided: it cannot be corrected', NEW.corrects_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_log_corrects_voided';
    END IF;
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

-- Logs are never changed; they are deleted only by the erasure of their patient.
CREATE OR REPLACE FUNCTION session_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('rehabit.erasing_patient', true) = OLD.patient_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'session_log is append-only: a log is changed by logging its correction';
END $$;

-- The audit trail stays append-only, but for the rows about a patient being erased (their erasure is recorded by a
-- row without the patient's id).
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.patient_id IS NOT NULL
       AND current_setting('rehabit.erasing_patient', true) = OLD.patient_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

ALTER TABLE patient
    ADD COLUMN status           varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISCHARGED')),
    ADD COLUMN discharged_on    date,
    ADD COLUMN discharged_at    timestamptz,
    ADD COLUMN discharged_by    varchar(255),
    ADD COLUMN discharge_reason varchar(500),
    ADD COLUMN access_ends_on   date,
    ADD CONSTRAINT patient_discharge_recorded CHECK (status = 'ACTIVE' OR (discharged_on IS NOT NULL
        AND discharged_at IS NOT NULL AND discharged_by IS NOT NULL AND access_ends_on IS NOT NULL)),
    ADD CONSTRAINT patient_access_after_discharge CHECK (access_ends_on IS NULL OR access_ends_on >= discharged_on);

CREATE INDEX patient_clinic_status_idx ON patient (clinic_id, status) WHERE status <> 'ACTIVE';

-- A discharged patient leaves the dashboard (no stored figures, nothing to refresh); reactivated, they are due.
CREATE FUNCTION patient_lifecycle_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'DISCHARGED' THEN
        DELETE FROM patient_figures WHERE patient_id = NEW.id;
        DELETE FROM patient_refresh WHERE patient_id = NEW.id;
    ELSE
        INSERT INTO patient_refresh (patient_id, clinic_id) VALUES (NEW.id, NEW.clinic_id)
        ON CONFLICT (patient_id) DO UPDATE SET generation = patient_refresh.generation + 1, valid_until = '-infinity';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER patient_lifecycle_figures AFTER UPDATE OF status ON patient
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION patient_lifecycle_figures();
