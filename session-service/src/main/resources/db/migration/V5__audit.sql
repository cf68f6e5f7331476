-- Who read or wrote which patient's data, when, and what came of it: one row per request to the service's API,
-- written with the request (a write's row in the write's own transaction). Identifiers and codes only: never a
-- body, a note, or any text a client typed.
CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    request_id  varchar(64),
    subject     varchar(255),
    roles       varchar(100),
    clinic_id   uuid,
    patient_id  uuid,
    action      varchar(100) NOT NULL,
    http_method varchar(10)  NOT NULL,
    status      smallint,
    outcome     varchar(16)  NOT NULL CHECK (outcome IN ('COMMITTED', 'OK', 'UNAUTHENTICATED', 'DENIED',
                                                         'NOT_FOUND', 'REFUSED', 'FAILED'))
);

CREATE INDEX audit_event_patient_idx ON audit_event (patient_id, at) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_event_clinic_idx ON audit_event (clinic_id, at);

-- Append-only, enforced by the database whatever the application does: rows are never changed or removed.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
