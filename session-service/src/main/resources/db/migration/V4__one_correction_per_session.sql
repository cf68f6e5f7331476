-- A session log is corrected at most once (a correction of a correction names the correction): two corrections
-- racing each other cannot both be stored.
DROP INDEX session_log_corrects_idx;
CREATE UNIQUE INDEX session_log_corrects_idx ON session_log (corrects_id) WHERE corrects_id IS NOT NULL;
