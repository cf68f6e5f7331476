package org.rehabit.session.outcome;

/** When an assigned instrument is due: once at intake, every N weeks, or at discharge. */
public enum OutcomeSchedule {
    /** Due as soon as it is assigned, once. */
    INTAKE,
    /** Due when assigned, then N weeks after each response. */
    EVERY_N_WEEKS,
    /** Due at the patient's discharge (answerable at any time meanwhile). */
    DISCHARGE
}
