package org.rehabit.catalog.exercise;

/** The kind of work an exercise is. */
public enum Category {
    WARM_UP, STRETCH, MOBILITY, STRENGTH, STABILITY, BREATHING
}
