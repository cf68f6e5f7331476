-- The audit trail, partitioned by month so that retention drops whole months (after exporting them) instead of
-- deleting rows, and two new facts per row:
--   occurrences     how many requests the row stands for: 1, except for anonymous 401s, which are counted per client
--                   address, route and minute (one row with a count, not a row each);
--   client_address  the client's address, kept for those anonymous rows only.
-- Outcome ROLLED_BACK is new: a write whose transaction was undone (nothing of it was kept).
-- The rows of V5/V6's table are copied over with their ids; the old table is dropped.
ALTER TABLE audit_event RENAME TO audit_event_unpartitioned;

CREATE TABLE audit_event (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    at             timestamptz  NOT NULL DEFAULT now(),
    request_id     varchar(64),
    subject        varchar(255),
    roles          varchar(100),
    clinic_id      uuid,
    patient_id     uuid,
    action         varchar(100) NOT NULL,
    http_method    varchar(10)  NOT NULL,
    status         smallint,
    outcome        varchar(16)  NOT NULL CHECK (outcome IN ('COMMITTED', 'ROLLED_BACK', 'OK', 'UNAUTHENTICATED',
                                                            'DENIED', 'NOT_FOUND', 'REFUSED', 'FAILED')),
    decided_by     varchar(16)  NOT NULL DEFAULT 'session-service' CHECK (decided_by IN ('session-service', 'gateway')),
    client_address varchar(45),
    occurrences    integer      NOT NULL DEFAULT 1 CHECK (occurrences >= 1)
) PARTITION BY RANGE (at);

-- the clinic's audit view, newest first by (at, id): keyset pages walk this index
CREATE INDEX audit_event_clinic_at_id_idx ON audit_event (clinic_id, at DESC, id DESC);
CREATE INDEX audit_event_patient_at_idx ON audit_event (patient_id, at) WHERE patient_id IS NOT NULL;

-- The month's partition (audit_event_YYYY_MM), created when missing; bounds are UTC months. The service calls it at
-- start and daily for this month and the next ones, so an insert always finds its partition.
CREATE FUNCTION audit_event_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    from_day date := date_trunc('month', month)::date;
    name     text := 'audit_event_' || to_char(from_day, 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', name,
                       from_day::text || ' 00:00:00+00',
                       (from_day + interval '1 month')::date::text || ' 00:00:00+00');
    END IF;
    RETURN name;
END;
$$;

DO $$
DECLARE
    month date := date_trunc('month', COALESCE((SELECT min(at) FROM audit_event_unpartitioned), now())
                                      AT TIME ZONE 'UTC')::date;
BEGIN
    WHILE month <= (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months')::date LOOP
        PERFORM audit_event_partition(month);
        month := (month + interval '1 month')::date;
    END LOOP;
END;
$$;

INSERT INTO audit_event (id, at, request_id, subject, roles, clinic_id, patient_id, action, http_method, status,
                         outcome, decided_by)
    OVERRIDING SYSTEM VALUE
    SELECT id, at, request_id, subject, roles, clinic_id, patient_id, action, http_method, status, outcome, decided_by
    FROM audit_event_unpartitioned;
SELECT setval(pg_get_serial_sequence('audit_event', 'id'), COALESCE(max(id), 0) + 1, false) FROM audit_event;

DROP TABLE audit_event_unpartitioned;

-- Append-only as before, enforced by the database: rows are never changed or removed one by one. Retention detaches
-- and drops a whole month's partition after exporting it (docs/operations.md, "Audit trail").
CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
