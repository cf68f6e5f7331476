package org.rehabit.catalog.exercise;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An image or video showing an exercise; alt text is required so that every patient can follow it. */
public record Media(
        @NotNull MediaType type,
        @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @NotBlank @Size(max = 300) String altText) {
}
