package org.rehabit.support.outcome;

/** One item of a questionnaire as scoring sees it: its id and the whole-number answers it takes, min to max. */
public record Item(String id, int min, int max) {
}
