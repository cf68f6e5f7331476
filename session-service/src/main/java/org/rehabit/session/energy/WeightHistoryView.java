package org.rehabit.session.energy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A patient's weight entries within a window, oldest first, and their trend against the profile's goal.
 *
 * @param from the first day asked for, or null for since the first entry
 * @param to   the last day asked for, or null for up to the latest entry
 */
public record WeightHistoryView(UUID patientId, LocalDate from, LocalDate to, List<WeightEntryView> entries,
                                Trend trend) {

    /**
     * Where the weight is heading.
     *
     * @param slopeKgPerWeek the least-squares slope of kg over days, × 7 (3 decimals); null with fewer than 2 entries
     * @param goal           the energy profile's goal; null when the patient has no profile
     * @param direction      LOSE, MAINTAIN or GAIN; null without a goal
     * @param rateLbPerWeek  the goal's rate, unsigned (0 to maintain); null without a goal
     * @param rateKgPerWeek  the same in kg (3 decimals); null without a goal
     * @param onTrack        whether the slope moves toward the goal: down to lose, up to gain, and within
     *                       ±0.5 lb (0.227 kg) a week to maintain; null without a slope or a goal
     */
    public record Trend(BigDecimal slopeKgPerWeek, Goal goal, Goal.Direction direction, BigDecimal rateLbPerWeek,
                        BigDecimal rateKgPerWeek, Boolean onTrack) {
    }
}
