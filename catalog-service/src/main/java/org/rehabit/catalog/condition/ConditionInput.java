package org.rehabit.catalog.condition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.rehabit.catalog.exercise.BodyRegion;
import org.rehabit.catalog.exercise.Slugs;

import java.util.List;

/** A condition as the content team writes it. */
public record ConditionInput(
        @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 2000) String description,
        @NotEmpty List<@NotNull BodyRegion> bodyRegions,
        @NotBlank @Size(max = 2000) String guidance,
        boolean seeDoctorFirst,
        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 300) String> redFlags) {
}
