package org.rehabit.session.outcome;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * One set of answers: item id to the whole-number answer (an item left out, or null, is unanswered). For the PSFS,
 * {@code activities} names the activity the patient rated under each answered item id.
 */
public record AnswerOutcomeMeasureRequest(
        @NotNull @Size(max = 100) Map<@NotNull @Size(max = 32) String, Integer> answers,
        @Size(max = 100) Map<@NotNull @Size(max = 32) String, @NotBlank @Size(max = 200) String> activities) {
}
