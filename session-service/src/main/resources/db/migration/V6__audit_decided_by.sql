-- Where a row was decided: by the session-service itself (every row so far), or by the gateway, which refuses a
-- missing or bad token (401) and a role that may not use a route (403) before any service is called and sends those
-- denials here in batches (POST /audit/gateway-denials). Adding a column with a constant default rewrites no row
-- and fires no UPDATE trigger: the table stays append-only.
ALTER TABLE audit_event
    ADD COLUMN decided_by varchar(16) NOT NULL DEFAULT 'session-service'
        CHECK (decided_by IN ('session-service', 'gateway'));

-- The clinic's audit view lists a clinic's rows newest first, optionally by patient or outcome: the clinic index
-- (clinic_id, at) serves it; the patient index serves a patient's rows.
