package org.rehabit.catalog.exercise;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where an exercise's facts come from, for attribution. */
public record Source(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 200) String author,
        @Size(max = 200) String publisher,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @Size(max = 500) String note) {
}
