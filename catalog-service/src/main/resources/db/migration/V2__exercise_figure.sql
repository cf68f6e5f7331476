-- The picture of an exercise as data (view, poses as joint angles, props, alt text); part of a version's content.
-- Null for versions written before pictures existed: the seed fills in its own unchanged version 1 (SeedLoader).
ALTER TABLE exercise_version ADD COLUMN figure jsonb;
