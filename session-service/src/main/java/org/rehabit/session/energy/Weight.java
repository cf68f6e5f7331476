package org.rehabit.session.energy;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Digits;

import java.math.BigDecimal;

/**
 * A body weight as entered: either {@code {"kg": 70.3}} or {@code {"lb": 155}}, read back in the same unit with
 * the same digits. Which unit, and the plausible range, are checked by {@link Measures}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Weight(
        @Digits(integer = 3, fraction = 2, message = "must have at most 3 digits and 2 decimals") BigDecimal kg,
        @Digits(integer = 4, fraction = 2, message = "must have at most 4 digits and 2 decimals") BigDecimal lb) {
}
