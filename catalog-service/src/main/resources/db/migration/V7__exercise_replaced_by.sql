-- A retired exercise may name the exercise that replaces it: programs that still pin it are offered that one.
ALTER TABLE exercise ADD COLUMN replaced_by varchar(80);
