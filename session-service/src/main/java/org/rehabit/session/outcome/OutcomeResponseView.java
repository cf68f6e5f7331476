package org.rehabit.session.outcome;

import org.rehabit.support.outcome.Change;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One response and where its score stands: the change from the baseline (the assignment's first scored response)
 * and from the previous scored response, in score points (positive: the score went up), and whether each is a
 * clinically important change by the pinned MCID ({@code Change.between}). Null where there is nothing to compare
 * (no score, the baseline itself, or no MCID).
 */
public record OutcomeResponseView(UUID id, UUID assignmentId, Instant answeredAt, String answeredBy, Double score,
                                  String unscoredReason, int answered, int missing, Map<String, Integer> answers,
                                  Map<String, String> activities, boolean baseline, Double changeFromBaseline,
                                  Change fromBaseline, Double changeFromPrevious, Change fromPrevious) {
}
