package org.rehabit.catalog.exercise;

import org.rehabit.support.InvalidInput;
import org.rehabit.support.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a client asked the exercise search for. Several values of one filter mean "any of them"; different
 * filters must all hold. {@code equipment=none} finds exercises that need no equipment.
 */
public record SearchCriteria(String text, List<BodyRegion> regions, List<String> conditions,
                             List<StartPosition> positions, List<String> equipment, List<Category> categories,
                             List<Integer> difficulties) {

    public static final String NO_EQUIPMENT = "none";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern EQUIPMENT = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final int MAX_TERMS = 12;

    /** Parses raw query parameters; every bad value is reported with the parameter's name. */
    public static SearchCriteria parse(String q, List<String> region, List<String> condition, List<String> position,
                                       List<String> equipment, List<String> category, List<String> difficulty) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > 200) {
            errors.add(new Problem.FieldError("q", "must be at most 200 characters"));
        }
        SearchCriteria criteria = new SearchCriteria(
                q == null || q.isBlank() ? null : q.strip(),
                enums("region", region, BodyRegion.class, errors),
                strings("condition", condition, Pattern.compile(Slugs.PATTERN), Slugs.MESSAGE, errors),
                enums("position", position, StartPosition.class, errors),
                strings("equipment", equipment, EQUIPMENT, "must be an equipment name or none", errors),
                enums("category", category, Category.class, errors),
                values("difficulty", difficulty, d -> switch (d) {
                    case "1" -> 1;
                    case "2" -> 2;
                    case "3" -> 3;
                    default -> null;
                }, "must be 1, 2 or 3", errors));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return criteria;
    }

    /** A prefix-matching PostgreSQL tsquery of the words in {@code text} (all must match), or null. */
    String textQuery() {
        return textQuery(":*");
    }

    /** The same words, found in the name or aliases only (weight A of the search vector). */
    String titleQuery() {
        return textQuery(":*A");
    }

    private String textQuery(String suffix) {
        if (text == null) {
            return null;
        }
        List<String> terms = WORD.matcher(text.toLowerCase(Locale.ROOT)).results()
                .map(m -> m.group() + suffix)
                .limit(MAX_TERMS)
                .toList();
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    List<String> regionNames() {
        return regions.stream().map(Enum::name).toList();
    }

    List<String> categoryNames() {
        return categories.stream().map(Enum::name).toList();
    }

    List<String> positionNames() {
        return positions.stream().map(Enum::name).toList();
    }

    private static <E extends Enum<E>> List<E> enums(String name, List<String> raw, Class<E> type,
                                                     List<Problem.FieldError> errors) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return values(name, raw, v -> {
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, "must be one of " + allowed, errors);
    }

    private static List<String> strings(String name, List<String> raw, Pattern pattern, String message,
                                        List<Problem.FieldError> errors) {
        return values(name, raw, v -> pattern.matcher(v).matches() ? v : null, message, errors);
    }

    /** Accepts repeated parameters and comma-separated lists alike: {@code region=NECK,SHOULDER}. */
    private static <T> List<T> values(String name, List<String> raw, Function<String, T> parse, String message,
                                      List<Problem.FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        List<T> parsed = new ArrayList<>();
        raw.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .distinct()
                .forEach(v -> {
                    T value = parse.apply(v);
                    if (value == null) {
                        errors.add(new Problem.FieldError(name, "'" + v + "' " + message));
                    } else {
                        parsed.add(value);
                    }
                });
        return parsed;
    }
}
