package org.rehabit.session.energy;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

import java.math.BigDecimal;

/**
 * A height as entered: either {@code {"cm": 170.2}} or {@code {"feet": 5, "inches": 7.5}}, read back in the
 * same unit with the same digits. Which unit, and the plausible range, are checked by {@link Measures}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Height(
        @Digits(integer = 3, fraction = 2, message = "must have at most 3 digits and 2 decimals") BigDecimal cm,
        @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 1, fraction = 0, message = "must be a whole number of feet") BigDecimal feet,
        @DecimalMin(value = "0", message = "must not be negative")
        @DecimalMax(value = "12", inclusive = false, message = "must be less than 12 (carry whole feet into feet)")
        @Digits(integer = 2, fraction = 2, message = "must have at most 2 decimals") BigDecimal inches) {
}
