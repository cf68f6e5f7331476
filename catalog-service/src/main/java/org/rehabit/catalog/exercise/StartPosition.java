package org.rehabit.catalog.exercise;

/** How the patient is placed when an exercise begins. */
public enum StartPosition {
    STANDING, SEATED, SEATED_CROSS_LEGGED, SUPINE, PRONE, SIDE_LYING, QUADRUPED, KNEELING, HALF_KNEELING
}
