-- Whether a session counts as done: at least one of its items was DONE. Adherence, the streak and the inactivity
-- rule count these sessions only; a session whose items were all skipped is kept (its pains still count) but is
-- no work done. Kept on write, so the dashboard's statement does not look into every session's items.
ALTER TABLE session_log ADD COLUMN work_done boolean NOT NULL DEFAULT false;

UPDATE session_log s SET work_done = true
WHERE EXISTS (SELECT 1 FROM session_item i WHERE i.session_id = s.id AND i.status = 'DONE');

-- every writer says it
ALTER TABLE session_log ALTER COLUMN work_done DROP DEFAULT;
