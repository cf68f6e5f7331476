package org.rehabit.catalog.exercise;

/** What a step of an exercise is for. */
public enum StepRole {
    SETUP, MOVE, HOLD, RETURN, BREATHING
}
