-- Which exercise versions the shipped library wrote: the Flyway version of the seed migration that wrote one (V6 and
-- later, see SeedMigration), null for a version an editor wrote. A later content fix publishes a new version of an
-- exercise only while its current version is still the seed's.
ALTER TABLE exercise_version ADD COLUMN seeded_by varchar(50);
