-- Creating requests sent with an Idempotency-Key (except session logs, which keep their key on session_log): the
-- first answer, replayed to a retry with the same key. One key per caller (clinic and subject).
CREATE TABLE idempotent_request (
    id              uuid PRIMARY KEY,
    clinic_id       uuid         NOT NULL,
    subject         varchar(255) NOT NULL,
    idempotency_key varchar(128) NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    status          integer,
    location        varchar(500),
    etag            varchar(200),
    body            text,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT idempotent_request_key UNIQUE (clinic_id, subject, idempotency_key)
);
CREATE INDEX idempotent_request_created_idx ON idempotent_request (created_at);
