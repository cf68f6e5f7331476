-- Energy profiles (the inputs of a patient's calorie goal) and weight entries.
-- Measures are kept exactly as entered, value and unit: of each measure's unit columns exactly one set is filled,
-- and the columns are unconstrained numeric so that the digits entered (170.2, 155, 155.50) read back unchanged.
-- Ranges are checked in base units with the exact conversions: 1 in = 2.54 cm, 1 lb = 0.45359237 kg.

CREATE TABLE energy_profile (
    patient_id     uuid PRIMARY KEY REFERENCES patient (id),
    clinic_id      uuid         NOT NULL,
    sex            varchar(6)   NOT NULL CHECK (sex IN ('FEMALE', 'MALE')),
    date_of_birth  date,
    age_years      smallint     CHECK (age_years BETWEEN 13 AND 120),
    height_cm      numeric      CHECK (scale(height_cm) <= 2),
    height_feet    smallint     CHECK (height_feet >= 0),
    height_inches  numeric      CHECK (height_inches >= 0 AND height_inches < 12 AND scale(height_inches) <= 2),
    weight_kg      numeric      CHECK (scale(weight_kg) <= 2),
    weight_lb      numeric      CHECK (scale(weight_lb) <= 2),
    activity_level varchar(11)  NOT NULL
        CHECK (activity_level IN ('SEDENTARY', 'LIGHT', 'MODERATE', 'ACTIVE', 'VERY_ACTIVE')),
    goal           varchar(8)   NOT NULL
        CHECK (goal IN ('LOSE_2', 'LOSE_1_5', 'LOSE_1', 'LOSE_0_5', 'MAINTAIN', 'GAIN_0_5', 'GAIN_1', 'GAIN_1_5',
                        'GAIN_2')),
    updated_by     varchar(255) NOT NULL,   -- the token subject of the last writer
    revision       bigint       NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    CONSTRAINT energy_profile_age_or_birth CHECK ((date_of_birth IS NULL) <> (age_years IS NULL)),
    CONSTRAINT energy_profile_one_height_unit CHECK (
        (height_cm IS NOT NULL AND height_feet IS NULL AND height_inches IS NULL)
        OR (height_cm IS NULL AND height_feet IS NOT NULL AND height_inches IS NOT NULL)),
    CONSTRAINT energy_profile_one_weight_unit CHECK ((weight_kg IS NULL) <> (weight_lb IS NULL)),
    CONSTRAINT energy_profile_height_range
        CHECK (coalesce(height_cm, (height_feet * 12 + height_inches) * 2.54) BETWEEN 50 AND 272),
    CONSTRAINT energy_profile_weight_range
        CHECK (coalesce(weight_kg, weight_lb * 0.45359237) BETWEEN 20 AND 400)
);

CREATE TABLE weight_entry (
    id          uuid PRIMARY KEY,
    clinic_id   uuid         NOT NULL,
    patient_id  uuid         NOT NULL REFERENCES patient (id),
    measured_on date         NOT NULL,   -- a day of the patient's own calendar
    weight_kg   numeric      CHECK (scale(weight_kg) <= 2),
    weight_lb   numeric      CHECK (scale(weight_lb) <= 2),
    recorded_by varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT weight_entry_one_unit CHECK ((weight_kg IS NULL) <> (weight_lb IS NULL)),
    CONSTRAINT weight_entry_range CHECK (coalesce(weight_kg, weight_lb * 0.45359237) BETWEEN 20 AND 400),
    -- one entry per day; also serves the history query (a patient's days in a range, in order)
    CONSTRAINT weight_entry_one_per_day UNIQUE (patient_id, measured_on)
);
