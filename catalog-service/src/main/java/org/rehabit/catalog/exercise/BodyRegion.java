package org.rehabit.catalog.exercise;

/** A part of the body an exercise works on. */
public enum BodyRegion {
    NECK, UPPER_BACK, SHOULDER, CHEST, LOWER_BACK, HIP, CORE, ARM, KNEE, ANKLE
}
