package org.rehabit.catalog.exercise;

import java.util.regex.Matcher;

/** The shape of the stable, human-readable ids of catalog content, and of {@code slug@version} references. */
public final class Slugs {

    public static final String PATTERN = "(?=.{3,80}$)[a-z0-9]+(-[a-z0-9]+)*";
    public static final String MESSAGE = "must be 3-80 lowercase letters, digits and single hyphens";

    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("((?=[a-z0-9-]{3,80}(?:@|$))[a-z0-9]+(-[a-z0-9]+)*)(?:@([1-9][0-9]{0,8}))?");

    private Slugs() {
    }

    /** A reference to an exercise: its current published version, or the given one. */
    public record Ref(String text, String slug, Integer version) {
    }

    /** Parses {@code slug} or {@code slug@version}; empty when the text is neither. */
    public static java.util.Optional<Ref> parseRef(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        Integer version = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return java.util.Optional.of(new Ref(text, m.group(1), version));
    }
}
