package org.rehabit.session.energy;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A patient's daily energy target and every step to it, in whole kcal (each step is rounded from the exact
 * value, so maintenanceKcal is not always restingKcal × activityFactor of the rounded numbers).
 *
 * @param age                the age in whole years used: as entered, or from the date of birth on today's date in
 *                           the patient's time zone
 * @param heightCm           the height used, converted from the unit entered (2 decimals)
 * @param weightKg           the weight used, converted from the unit entered (2 decimals)
 * @param restingKcal        Mifflin-St Jeor resting energy
 * @param maintenanceKcal    resting energy × activity factor
 * @param goalAdjustmentKcal lb per week × 3,500 / 7: negative to lose, positive to gain
 * @param targetKcal         maintenance + adjustment, or the floor when that is below it
 * @param floorKcal          the lowest target given: 1,200 kcal for women, 1,500 kcal for men
 * @param raisedToFloor      whether the target was raised to the floor
 */
public record EnergyTargetView(UUID patientId, Sex sex, int age, BigDecimal heightCm, BigDecimal weightKg,
                               ActivityLevel activityLevel, Goal goal, int restingKcal, BigDecimal activityFactor,
                               int maintenanceKcal, int goalAdjustmentKcal, int targetKcal, int floorKcal,
                               boolean raisedToFloor) {

    static EnergyTargetView of(EnergyProfile profile, int age, EnergyMath.Target target) {
        return new EnergyTargetView(profile.patientId, profile.sex, age,
                EnergyMath.twoDecimals(profile.exactHeightCm()), EnergyMath.twoDecimals(profile.exactWeightKg()),
                profile.activityLevel, profile.goal, EnergyMath.wholeKcal(target.restingKcal()),
                target.activityFactor(), EnergyMath.wholeKcal(target.maintenanceKcal()),
                EnergyMath.wholeKcal(target.goalAdjustmentKcal()), EnergyMath.wholeKcal(target.targetKcal()),
                EnergyMath.wholeKcal(target.floorKcal()), target.raisedToFloor());
    }
}
