package org.rehabit.session.program;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How much of an exercise a program prescribes (the catalog's default, or the physio's override). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Dose.Quantified
public record Dose(
        @NotNull @Min(1) @Max(10) Integer sets,
        @Min(1) @Max(100) Integer reps,
        @Min(1) @Max(600) Integer holdSeconds,
        @Min(1) @Max(3600) Integer durationSeconds,
        @Min(0) @Max(600) Integer restSeconds,
        @NotNull Side side,
        @Min(1) @Max(6) Integer timesPerDay,
        @Min(1) @Max(7) Integer daysPerWeek) {

    /**
     * A dose must say how much: repetitions, a hold, or a duration. A constraint on the whole dose, so that
     * a violation names the dose itself (e.g. {@code defaultDose}), not a property no client ever sends.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Quantified.Check.class)
    public @interface Quantified {
        String message() default "must give reps, holdSeconds or durationSeconds";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks {@link Quantified}. */
        class Check implements ConstraintValidator<Quantified, Dose> {
            @Override
            public boolean isValid(Dose dose, ConstraintValidatorContext context) {
                return dose == null || dose.reps() != null || dose.holdSeconds() != null
                        || dose.durationSeconds() != null;
            }
        }
    }
}
