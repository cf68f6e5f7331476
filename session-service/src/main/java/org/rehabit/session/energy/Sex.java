package org.rehabit.session.energy;

/** The sex the resting-energy formula distinguishes (its constant term and the calorie floor differ). */
public enum Sex {
    FEMALE, MALE
}
