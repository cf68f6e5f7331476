package org.rehabit.session.alert;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * A clinic's alert and at-risk thresholds, read and written as one.
 *
 * @param painAfterThreshold     raise PAIN_HIGH when pain after a session is at least this (0-10 scale)
 * @param painRiseThreshold      raise PAIN_RISE when pain after minus pain before is at least this
 * @param painDuringThreshold    raise PAIN_DURING when an exercise is logged with pain during at least this (0-10
 *                               scale; left out on write: kept as it is)
 * @param inactivityDays         raise INACTIVE after this many days without a session while a program is active
 * @param atRiskAdherencePercent the dashboard shows a patient at risk when adherence over the window's complete
 *                               weeks is below this percentage (1-100; left out on write: kept as it is)
 * @param atRiskPainTrend        ... or when pain after sessions rises by at least this many points a week
 *                               (0.1-5, two decimals at most; left out on write: kept as it is)
 */
public record AlertSettingsView(
        @NotNull @Min(1) @Max(10) Integer painAfterThreshold,
        @NotNull @Min(1) @Max(10) Integer painRiseThreshold,
        @NotNull @Min(1) @Max(90) Integer inactivityDays,
        @Min(1) @Max(100) Integer atRiskAdherencePercent,
        @DecimalMin("0.1") @DecimalMax("5") @Digits(integer = 1, fraction = 2) BigDecimal atRiskPainTrend,
        @Min(1) @Max(10) Integer painDuringThreshold) {

    static AlertSettingsView of(AlertSettings s) {
        return new AlertSettingsView((int) s.painAfterThreshold, (int) s.painRiseThreshold, (int) s.inactivityDays,
                (int) s.atRiskAdherencePercent, s.atRiskPainTrend.stripTrailingZeros(), (int) s.painDuringThreshold);
    }
}
