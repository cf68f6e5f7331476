package org.rehabit.session.energy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * A weighing as the patient (or their physio) records it.
 *
 * @param measuredOn the day, in the patient's own calendar; not in the future, one entry per day
 */
public record RecordWeightRequest(@NotNull LocalDate measuredOn, @NotNull @Valid Weight weight) {
}
