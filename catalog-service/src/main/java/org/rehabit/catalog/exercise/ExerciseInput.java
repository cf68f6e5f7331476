package org.rehabit.catalog.exercise;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The content of an exercise as an editor writes it: the body of {@code POST /exercises} (where
 * {@code slug} is required) and of {@code PUT /exercises/{slug}} (where it may be left out).
 * Optional lists may be omitted and mean "none".
 */
public record ExerciseInput(
        @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 120) String name,
        @Size(max = 10) List<@NotBlank @Size(max = 120) String> aliases,
        @NotBlank @Size(max = 500) String summary,
        @NotBlank @Size(max = 1000) String purpose,
        @NotNull Category category,
        @NotEmpty @Size(max = 5) List<@NotNull BodyRegion> bodyRegions,
        @NotNull StartPosition startPosition,
        @Size(max = 5) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{1,39}",
                message = "must be a lowercase equipment name such as chair or resistance-band") String> equipment,
        @NotNull @Min(1) @Max(3) Integer difficulty,
        @NotNull @Size(min = 2, max = 12) List<@NotNull @Valid Step> steps,
        @Size(max = 10) List<@NotBlank @Size(max = 300) String> cautions,
        @Size(max = 10) List<@NotBlank @Size(max = 300) String> contraindications,
        @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 300) String> stopRules,
        @NotNull @Valid Dose defaultDose,
        @Size(max = 10) List<@NotNull @Valid Media> media,
        @Valid Figure figure,
        @Size(max = 10) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> conditions,
        @Valid Source source,
        @NotBlank @Size(max = 64) String licence) {

    public ExerciseInput {
        aliases = orEmpty(aliases);
        equipment = orEmpty(equipment);
        cautions = orEmpty(cautions);
        contraindications = orEmpty(contraindications);
        media = orEmpty(media);
        conditions = orEmpty(conditions);
    }

    /**
     * This content as it is stored: names, summary, purpose and licence without surrounding blanks, regions,
     * equipment and conditions each named once. What the API writes and what a seed writes (a seed's later comparison
     * with the stored version is exact only if both store the same), of valid content.
     */
    public ExerciseInput normalized() {
        return new ExerciseInput(slug, name.strip(), aliases.stream().map(String::strip).toList(), summary.strip(),
                purpose.strip(), category, bodyRegions.stream().distinct().toList(), startPosition,
                equipment.stream().distinct().toList(), difficulty, steps, cautions, contraindications, stopRules,
                defaultDose, media, figure, conditions.stream().distinct().toList(), source, licence.strip());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
