package org.rehabit.session.alert;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A clinic's alert thresholds, read and written as one.
 *
 * @param painAfterThreshold raise PAIN_HIGH when pain after a session is at least this (0-10 scale)
 * @param painRiseThreshold  raise PAIN_RISE when pain after minus pain before is at least this
 * @param inactivityDays     raise INACTIVE after this many days without a session while a program is active
 */
public record AlertSettingsView(
        @NotNull @Min(1) @Max(10) Integer painAfterThreshold,
        @NotNull @Min(1) @Max(10) Integer painRiseThreshold,
        @NotNull @Min(1) @Max(90) Integer inactivityDays) {

    static AlertSettingsView of(AlertSettings s) {
        return new AlertSettingsView((int) s.painAfterThreshold, (int) s.painRiseThreshold, (int) s.inactivityDays);
    }
}
