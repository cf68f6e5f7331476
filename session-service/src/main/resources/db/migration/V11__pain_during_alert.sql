-- Pain during an exercise is a rule of its own: an item logged with pain during at or above the clinic's
-- pain_during_threshold raises PAIN_DURING (grouped like the other rules).
ALTER TABLE clinic_settings
    ADD COLUMN pain_during_threshold smallint NOT NULL DEFAULT 7 CHECK (pain_during_threshold BETWEEN 1 AND 10);
-- every writer says it
ALTER TABLE clinic_settings ALTER COLUMN pain_during_threshold DROP DEFAULT;

ALTER TABLE alert DROP CONSTRAINT alert_rule_check;
ALTER TABLE alert ADD CONSTRAINT alert_rule_check
    CHECK (rule IN ('PAIN_HIGH', 'PAIN_RISE', 'PAIN_DURING', 'INACTIVE'));
