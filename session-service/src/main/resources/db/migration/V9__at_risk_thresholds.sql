-- The dashboard's at-risk thresholds are clinic settings too: at risk when adherence over the complete weeks is
-- below at_risk_adherence_percent, or the pain trend is at least at_risk_pain_trend points a week.
ALTER TABLE clinic_settings
    ADD COLUMN at_risk_adherence_percent smallint NOT NULL DEFAULT 50
        CHECK (at_risk_adherence_percent BETWEEN 1 AND 100),
    ADD COLUMN at_risk_pain_trend numeric(3, 2) NOT NULL DEFAULT 0.5
        CHECK (at_risk_pain_trend BETWEEN 0.1 AND 5);

-- every writer says them
ALTER TABLE clinic_settings ALTER COLUMN at_risk_adherence_percent DROP DEFAULT,
                            ALTER COLUMN at_risk_pain_trend DROP DEFAULT;
