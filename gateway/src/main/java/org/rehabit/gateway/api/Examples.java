package org.rehabit.gateway.api;

/**
 * Examples for the public OpenAPI document: request bodies (the gateway passes them through to the services, which
 * validate them, so these show clients what the services expect).
 */
public final class Examples {

    public static final String PATIENT = """
            {"displayName": "Ada L.", "externalRef": "A-100", "dateOfBirth": "1971-03-14",
             "timezone": "Europe/London"}""";

    public static final String REASSIGN = """
            {"physioId": "physio.riverside"}""";

    public static final String PROGRAM_FROM_TEMPLATE = """
            {"template": "upper-back-pinched-nerve-starter", "sessionsPerWeek": 5, "startDate": "2026-11-24",
             "doseOverrides": {"seated-spinal-twist": {"sets": 1, "reps": 3, "holdSeconds": 10, "side": "EACH_SIDE"}},
             "notes": "Stop and call us if the pain spreads down the arm."}""";

    public static final String ADJUST_PROGRAM = """
            {"sessionsPerWeek": 4, "items": [
               {"id": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", "dose": {"sets": 2, "reps": 12, "side": "BOTH"}},
               {"id": "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}]}""";

    public static final String SESSION = """
            {"performedAt": "2026-11-24T08:30:00+01:00", "painBefore": 4, "painAfter": 3,
             "perceivedDifficulty": 5, "durationSeconds": 900, "notes": "Neck felt looser afterwards.",
             "items": [
               {"programItemId": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", "status": "DONE", "setsDone": 1, "repsDone": 10},
               {"programItemId": "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "status": "DONE", "setsDone": 1, "repsDone": 3,
                "holdSeconds": 5, "side": "LEFT", "painDuring": 2},
               {"programItemId": "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "status": "DONE", "setsDone": 1, "repsDone": 3,
                "holdSeconds": 4, "side": "RIGHT", "painDuring": 3}]}""";

    public static final String EXERCISE = """
            {"slug": "wall-slide", "name": "Wall Slide", "aliases": ["Wall angel, easy"],
             "summary": "Slide both arms up a wall and back down.", "purpose": "Shoulder mobility without load.",
             "category": "MOBILITY", "bodyRegions": ["SHOULDER", "UPPER_BACK"], "startPosition": "STANDING",
             "equipment": ["wall"], "difficulty": 1,
             "steps": [{"role": "SETUP", "instruction": "Stand with your back and arms against a wall."},
                       {"role": "MOVE", "instruction": "Slide the arms up as far as is comfortable."},
                       {"role": "RETURN", "instruction": "Slide them back down slowly."}],
             "cautions": ["Keep the lower back against the wall."],
             "stopRules": ["Stop if pain spreads down the arm."],
             "defaultDose": {"sets": 2, "reps": 10, "restSeconds": 30, "side": "BOTH", "timesPerDay": 1,
                             "daysPerWeek": 5},
             "figure": {"view": "FRONT", "props": ["WALL_BEHIND"],
                        "altText": "A person standing against a wall with the arms bent, sliding them up the wall.",
                        "poses": [{"label": "Start", "trunk": 0, "shoulders": {"left": 90, "right": 90},
                                   "elbows": {"left": 90, "right": 90}, "hips": {"left": 4, "right": 4},
                                   "knees": {"left": 0, "right": 0}}]},
             "conditions": ["subacromial-shoulder-pain"], "licence": "CC-BY-4.0"}""";

    public static final String ENERGY_PROFILE = """
            {"sex": "FEMALE", "age": 30, "height": {"feet": 5, "inches": 6}, "weight": {"lb": 150},
             "activityLevel": "MODERATE", "goal": "LOSE_1"}""";

    public static final String WEIGHT = """
            {"measuredOn": "2026-11-20", "weight": {"lb": 149.5}}""";

    public static final String ALERT_SETTINGS = """
            {"painAfterThreshold": 7, "painRiseThreshold": 2, "inactivityDays": 7, "atRiskAdherencePercent": 50,
             "atRiskPainTrend": 0.5, "painDuringThreshold": 7}""";

    public static final String ASSIGN_OUTCOME_MEASURE = """
            {"instrument": "ndi", "schedule": "INTAKE"}""";

    public static final String ANSWER_OUTCOME_MEASURE = """
            {"answers": {"s1": 3, "s2": 2, "s3": 1, "s4": 4, "s5": 2, "s6": 3, "s7": 1, "s8": 2, "s9": 0}}""";

    public static final String ACKNOWLEDGE = """
            {"note": "Called her: a new mattress, not the exercises. Review next week."}""";

    public static final String INSTRUMENT = """
            {"name": "Shoulder ease scale", "abbreviation": "SES", "measures": "How easily the shoulder moves today.",
             "items": [{"id": "reach", "min": 0, "max": 10}, {"id": "lift", "min": 0, "max": 10}],
             "scoring": {"method": "MEAN", "maxMissing": 1, "min": 0, "max": 10, "direction": "LOWER_IS_WORSE",
                         "decimals": 1},
             "mcid": {"value": 2, "source": "The clinic's own audit, 2026"},
             "citation": "Internal scale of the example clinic.", "terms": "Written by the clinic; text imported."}""";

    public static final String INSTRUMENT_TEXT = """
            {"instructions": "Circle one number for each section.",
             "items": [{"id": "s1", "text": "(section 1 as printed on your licensed form)",
                        "labels": [{"value": 0, "label": "(the first statement)"},
                                   {"value": 5, "label": "(the last statement)"}]},
                       {"id": "s2", "text": "(section 2 ...)"}],
             "source": "Licence 2026-123 from the copyright holder"}""";

    private Examples() {
    }

    /** How the optional Idempotency-Key of creating requests works. */
    public static final String IDEMPOTENCY_KEY = "Makes a retry safe (1-128 visible ASCII characters, e.g. a UUID): the same "
            + "key and body answer the first answer again (Idempotent-Replayed: true) and create nothing new; the same "
            + "key with another body is refused (422).";

    // patient lifecycle
    public static final String VOID_SESSION = """
            {"reason": "Logged twice by mistake"}""";

    public static final String DISCHARGE = """
            {"reason": "Goals met", "accessEndsOn": "2026-12-31"}""";

    public static final String ERASURE = """
            {"confirmPatientId": "9a7e0000-0000-4000-8000-0000000000a1"}""";
}
