package org.rehabit.session.outcome;

import org.rehabit.support.outcome.Direction;

import java.util.List;
import java.util.UUID;

/** An assignment's scores over time, oldest first, with the scale they are read on (range, direction, MCID). */
public record ScoreTrendView(UUID assignmentId, UUID patientId, String instrument, int version, String name,
                             String abbreviation, Direction direction, double min, double max, Double mcid,
                             List<OutcomeResponseView> responses) {
}
