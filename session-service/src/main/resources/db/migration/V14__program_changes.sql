-- Adjusting and re-pinning a program keeps its id: what changed is recorded per change, and a changed
-- frequency keeps its earlier rate for the days before the change.

-- One row per adjustment or re-pin: who, when, and a readable list of what changed.
CREATE TABLE program_change (
    id                  uuid PRIMARY KEY,
    program_id          uuid          NOT NULL REFERENCES program (id),
    kind                varchar(16)   NOT NULL CHECK (kind IN ('ADJUSTED', 'REPINNED')),
    revision            bigint        NOT NULL,   -- the program's version after the change (its ETag)
    changed_at          timestamptz   NOT NULL,
    changed_by          varchar(255)  NOT NULL,
    changes             jsonb         NOT NULL,   -- ["Sessions per week: 3 → 4 (from 2026-03-18)", ...]
    safety_reconfirm    boolean       NOT NULL,
    -- the items before the change ([{"id", "exercise_slug", "dose"}]): what sessions logged before it prescribed
    items_before        jsonb         NOT NULL
);

CREATE INDEX program_change_program_idx ON program_change (program_id, changed_at);

-- The sessions per week a program had before a change: the rate of every day before until_date (the patient's
-- local date of the change) back to the previous row's until_date. Days from the last until_date on use
-- program.sessions_per_week; a program never re-scheduled has no rows.
CREATE TABLE program_frequency (
    program_id        uuid     NOT NULL REFERENCES program (id),
    until_date        date     NOT NULL,
    sessions_per_week smallint NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 14),
    PRIMARY KEY (program_id, until_date)
);

-- Reordering a program's items rewrites its rows position by position (Hibernate's ordered element collection), so
-- an item id briefly sits in two rows within the statement batch: its uniqueness is checked at commit instead.
ALTER TABLE program_item DROP CONSTRAINT program_item_id_key;
ALTER TABLE program_item ADD CONSTRAINT program_item_id_key UNIQUE (id) DEFERRABLE INITIALLY DEFERRED;
