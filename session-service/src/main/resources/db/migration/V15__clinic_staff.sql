-- Caseloads (issue #17): the physios and clinic-admins of each clinic, recorded by the service the first time it
-- sees their token (subject, display name, role); a patient's assigned physio becomes a reference to one of them.
--
-- Before V15 patient.physio_id was free text nobody checked (by default the registering physio's subject, but any
-- string a client sent). No staff are known when this runs, so nothing can be matched yet: every existing value
-- moves to patient.physio_legacy (shown to clients as the patient's legacyPhysio) and physio_id starts empty. The
-- first time a staff member of the clinic is seen, the patients whose legacy value equals their subject are linked
-- to them and the legacy value cleared; values that never match someone (a typed name, a departed physio) stay
-- visible as the legacy note until a clinic-admin reassigns the patient. Nothing is lost.

CREATE TABLE clinic_staff (
    clinic_id    uuid         NOT NULL,
    subject      varchar(255) NOT NULL,   -- the token's sub
    display_name varchar(255) NOT NULL,   -- the token's name, else preferred_username, else sub
    role         varchar(16)  NOT NULL CHECK (role IN ('physio', 'clinic-admin')),
    recorded_at  timestamptz  NOT NULL,
    PRIMARY KEY (clinic_id, subject)
);

ALTER TABLE patient ADD COLUMN physio_legacy varchar(255);

UPDATE patient SET physio_legacy = physio_id, physio_id = NULL, revision = revision + 1
WHERE physio_id IS NOT NULL;

-- The assigned physio is a known staff member of the patient's own clinic (the pair makes another clinic's
-- subject impossible, whatever the service checks).
ALTER TABLE patient ADD CONSTRAINT patient_physio_fk
    FOREIGN KEY (clinic_id, physio_id) REFERENCES clinic_staff (clinic_id, subject);

-- "My patients": the patient list and the dashboard filtered by the assigned physio.
CREATE INDEX patient_clinic_physio_idx ON patient (clinic_id, physio_id) WHERE physio_id IS NOT NULL;
CREATE INDEX patient_clinic_legacy_idx ON patient (clinic_id, physio_legacy) WHERE physio_legacy IS NOT NULL;
